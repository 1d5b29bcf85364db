package io.glengarry.runtime;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.function.Supplier;

/**
 * Names the Spark jobs of one step of a night - a silver table, a gold report, a markov fit - so that Spark's UI
 * lists them under that name and the benchmark can say how many task seconds each step cost. The name is a
 * property of the calling thread's jobs (gold reports run on several threads at once), restored afterwards.
 */
public final class RunStep {
    /** The local property a step's jobs carry (read by the benchmark's listener). */
    public static final String PROPERTY = "glengarry.step";
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private RunStep() {
    }

    public static <T> T run(SparkSession spark, String step, Supplier<T> work) {
        SparkContext sc = spark.sparkContext();
        String outerStep = sc.getLocalProperty(PROPERTY);
        String outerDescription = sc.getLocalProperty(JOB_DESCRIPTION);
        sc.setLocalProperty(PROPERTY, step);
        sc.setLocalProperty(JOB_DESCRIPTION, step);
        try {
            return work.get();
        } finally {
            sc.setLocalProperty(PROPERTY, outerStep);
            sc.setLocalProperty(JOB_DESCRIPTION, outerDescription);
        }
    }

    public static void run(SparkSession spark, String step, Runnable work) {
        run(spark, step, () -> {
            work.run();
            return null;
        });
    }
}
