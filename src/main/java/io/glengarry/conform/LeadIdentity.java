package io.glengarry.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Lead identity (METRICS.md): leads are the same person when {@code lower(trim(email))} is equal, or when one
 * names the other in {@code merged_into_lead_id} — transitively. The survivor is the earliest created lead of the
 * group (ties: the smaller lead_id); its {@code created_at} dates the person. Found by label propagation: every
 * lead starts labelled with itself and takes the smallest label among its email group and merge neighbours until
 * nothing changes. Each round is one small action (the change count); chains longer than the round limit fail
 * loudly instead of giving a half-resolved answer.
 */
public final class LeadIdentity {
    public static final String PERSON_ID = "person_id";
    public static final String PERSON_CREATED_AT = "person_created_at";
    static final int MAX_ROUNDS = 32;

    private LeadIdentity() {
    }

    /** lead_id -> person_id, person_created_at for every current (not deleted) lead. */
    public static Dataset<Row> resolve(Dataset<Row> leads) {
        Dataset<Row> nodes = leads.select(col("lead_id"), col("created_at"),
                when(trim(col("email")).notEqual(""), lower(trim(col("email")))).as("email_key"),
                col("merged_into_lead_id"));
        Dataset<Row> edges = nodes.filter(col("merged_into_lead_id").isNotNull())
                .select(col("lead_id").as("a"), col("merged_into_lead_id").as("b"));
        Dataset<Row> undirected = edges.union(edges.select(col("b").as("a"), col("a").as("b")));
        Dataset<Row> labels = nodes.select(col("lead_id"), col("email_key"),
                struct(col("created_at"), col("lead_id")).as("label")).localCheckpoint();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> byEmail = labels.filter(col("email_key").isNotNull()).groupBy(col("email_key").as("e_key"))
                    .agg(min("label").as("email_label"));
            Dataset<Row> byMerge = undirected.join(labels.select(col("lead_id").as("b"), col("label").as("nl")), "b")
                    .groupBy("a").agg(min("nl").as("merge_label"));
            Dataset<Row> next = labels
                    .join(byEmail, col("email_key").equalTo(col("e_key")), "left")
                    .join(byMerge, col("lead_id").equalTo(col("a")), "left")
                    .select(col("lead_id"), col("email_key"), col("label").as("old"),
                            least(col("label"), col("email_label"), col("merge_label")).as("label"))
                    .localCheckpoint();
            long changed = next.filter(col("old").notEqual(col("label"))).count();
            labels = next.drop("old");
            if (changed == 0) {
                return labels.select(col("lead_id"), col("label.lead_id").as(PERSON_ID),
                        col("label.created_at").as(PERSON_CREATED_AT));
            }
        }
        throw new IllegalStateException("Lead identity did not settle in " + MAX_ROUNDS
                + " rounds: a merge chain is longer than that. Check merged_into_lead_id for cycles of records.");
    }
}
