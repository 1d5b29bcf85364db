package io.glengarry.runtime;

import io.glengarry.TestSpark;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A step's name reaches the jobs it runs (the benchmark's listener, Spark's UI) and is gone after it. */
class RunStepTest {

    @Test
    void theJobsOfAStepCarryItsNameAndAnInnerStepGivesTheOuterOneBack() throws Exception {
        SparkSession spark = TestSpark.get();
        List<String> steps = new CopyOnWriteArrayList<>();
        List<String> descriptions = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                steps.add(String.valueOf(job.properties().getProperty(RunStep.PROPERTY)));
                descriptions.add(String.valueOf(job.properties().getProperty("spark.job.description")));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            RunStep.run(spark, "attribution_credit", () -> {
                spark.range(3).count();
                RunStep.run(spark, "markov_removal_effects", () -> spark.range(4).count());
                spark.range(5).count();
            });
            assertThatThrownBy(() -> RunStep.run(spark, "broken", () -> {
                throw new IllegalStateException("a failed step");
            })).hasMessage("a failed step");
            spark.range(6).count();
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        // a count may run more than one job: each step's run of jobs is compared once
        assertThat(runs(steps)).containsExactly("attribution_credit", "markov_removal_effects", "attribution_credit",
                "null");
        assertThat(runs(descriptions)).containsExactly("attribution_credit", "markov_removal_effects",
                "attribution_credit", "null");
        assertThat(spark.sparkContext().getLocalProperty(RunStep.PROPERTY)).isNull();
    }

    private static List<String> runs(List<String> values) {
        List<String> runs = new java.util.ArrayList<>();
        for (String value : values) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(value)) {
                runs.add(value);
            }
        }
        return runs;
    }
}
