package io.glengarry.lineage;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The run this one runs under (an Airflow task run): OpenLineage's parent run facet, so a lineage server joins the
 * job's events to the DAG's. From {@code lineage.parent} (namespace/job-name/run-id, Airflow's
 * {@code lineage_parent_id} macro) or from the Spark properties Airflow's OpenLineage provider hands spark-submit
 * ({@code spark.openlineage.parentJobNamespace}, {@code parentJobName}, {@code parentRunId}, and the root's).
 */
public record ParentRun(String namespace, String name, UUID runId, Optional<ParentRun> root) {

    /** namespace/job-name/run-id; the job name may itself hold slashes. */
    static ParentRun parse(String id) {
        int first = id.indexOf('/');
        int last = id.lastIndexOf('/');
        return new ParentRun(id.substring(0, first), id.substring(first + 1, last),
                UUID.fromString(id.substring(last + 1)), Optional.empty());
    }

    /** The parent named by the Spark properties, when all three are set. */
    static Optional<ParentRun> fromSparkProperties(Map<String, String> properties) {
        Optional<ParentRun> root = named(properties, "spark.openlineage.rootParentJobNamespace",
                "spark.openlineage.rootParentJobName", "spark.openlineage.rootParentRunId", Optional.empty());
        return named(properties, "spark.openlineage.parentJobNamespace", "spark.openlineage.parentJobName",
                "spark.openlineage.parentRunId", root);
    }

    /** The configured parent (lineage.parent) wins over the Spark properties. */
    public static Optional<ParentRun> of(String configured, Map<String, String> sparkProperties) {
        return configured.isEmpty() ? fromSparkProperties(sparkProperties) : Optional.of(parse(configured));
    }

    private static Optional<ParentRun> named(Map<String, String> properties, String namespace, String name,
                                             String runId, Optional<ParentRun> root) {
        if (!properties.containsKey(namespace) || !properties.containsKey(name) || !properties.containsKey(runId)) {
            return Optional.empty();
        }
        return Optional.of(new ParentRun(properties.get(namespace), properties.get(name),
                UUID.fromString(properties.get(runId)), root));
    }
}
