package io.glengarry.scale;

import io.glengarry.runtime.RunStep;
import io.glengarry.runtime.StageLog;
import org.apache.spark.SparkContext;
import org.apache.spark.metrics.source.CodegenMetrics$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark measures per run stage: the StageLog's seconds; the bytes and records Spark's tasks read
 * (task input metrics, attributed to the run stage through a local property the jobs carry); the task seconds
 * (executor run time) per step of the stage - each silver table, gold report and markov fit, named by
 * {@link RunStep}; tasks of no step under {@link #OTHER} - i.e. where the cores went; the fixed costs a
 * stage pays whatever its rows — Spark jobs, query plans (SQL executions, Delta's own included), classes compiled
 * from generated code, and Delta commits (new {@code _delta_log} versions in the warehouse); plus the peak driver
 * heap sampled every 100 ms.
 */
final class StageMetrics extends SparkListener implements StageLog.Listener, AutoCloseable {
    static final String STAGE_PROPERTY = "glengarry.bench.stage";
    /** The step of tasks run outside any named step (current tables, identity, Delta's own bookkeeping). */
    static final String OTHER = "(other)";

    /** One run stage's figures. */
    record Figures(double seconds, long bytesRead, long recordsRead, long sparkJobs, long queries,
                   long codeCompilations, long deltaCommits, Map<String, Double> taskSecondsByStep) {

        /** Executor run time of all the stage's tasks: more than {@link #seconds} when cores worked side by side. */
        double taskSeconds() {
            return taskSecondsByStep.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The run stage and step a Spark stage's tasks are counted under. */
    private record Step(String runStage, String step) {
    }

    /** A stage's wall-clock window, for events that carry a time rather than the stage's property. */
    private record Window(String stage, long startMillis, long endMillis) {
    }

    private final SparkContext sc;
    private final Path warehouse;
    private final Map<Integer, Step> stepBySparkStage = new ConcurrentHashMap<>();
    private final Map<Step, AtomicLong> taskMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> compilations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> commits = new ConcurrentHashMap<>();
    private final List<Long> queryStartMillis = new CopyOnWriteArrayList<>();
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread heapSampler;
    private volatile boolean sampling = true;
    private long stageStartMillis;
    private long compilationsAtStart;
    private long commitsAtStart;

    StageMetrics(SparkContext sc, Path warehouse) {
        this.sc = sc;
        this.warehouse = warehouse;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        heapSampler = new Thread(() -> {
            while (sampling) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        heapSampler.setDaemon(true);
        heapSampler.start();
        sc.addSparkListener(this);
    }

    @Override
    public void started(String stage) {
        sc.setLocalProperty(STAGE_PROPERTY, stage);
        stageStartMillis = System.currentTimeMillis();
        compilationsAtStart = compilations();
        commitsAtStart = TableWrites.commitCount(warehouse);
    }

    @Override
    public void finished(String stage, double secs) {
        sc.setLocalProperty(STAGE_PROPERTY, null);
        seconds.merge(stage, secs, Double::sum);
        windows.add(new Window(stage, stageStartMillis, System.currentTimeMillis()));
        count(compilations, stage, compilations() - compilationsAtStart);
        count(commits, stage, TableWrites.commitCount(warehouse) - commitsAtStart);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String stage = job.properties() == null ? null : job.properties().getProperty(STAGE_PROPERTY);
        if (stage != null) {
            count(jobs, stage, 1);
            String step = job.properties().getProperty(RunStep.PROPERTY);
            Step counted = new Step(stage, step == null ? OTHER : step);
            scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())
                    .forEach(id -> stepBySparkStage.put((Integer) id, counted));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        Step step = stepBySparkStage.get(task.stageId());
        if (step != null && task.taskMetrics() != null) {
            count(bytes, step.runStage(), task.taskMetrics().inputMetrics().bytesRead());
            count(records, step.runStage(), task.taskMetrics().inputMetrics().recordsRead());
            taskMillis.computeIfAbsent(step, s -> new AtomicLong()).addAndGet(task.taskMetrics().executorRunTime());
        }
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            queryStartMillis.add(start.time());
        }
    }

    /** The figures since the last call (waits for Spark's listener bus to deliver every event first). */
    Map<String, Figures> drain() {
        try {
            sc.listenerBus().waitUntilEmpty(60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain within 60 s", e);
        }
        Map<String, Long> queries = new LinkedHashMap<>();
        for (Window w : windows) {
            queries.merge(w.stage(), queryStartMillis.stream()
                    .filter(t -> t >= w.startMillis() && t <= w.endMillis()).count(), Long::sum);
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        seconds.forEach((stage, secs) -> figures.put(stage, new Figures(secs, take(bytes, stage),
                take(records, stage), take(jobs, stage), queries.getOrDefault(stage, 0L), take(compilations, stage),
                take(commits, stage), takeTaskSeconds(stage))));
        seconds.clear();
        windows.clear();
        queryStartMillis.clear();
        return figures;
    }

    /** The peak heap used since the last call, in bytes. */
    long takePeakHeap() {
        long peak = peakHeap.getAndSet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return Math.max(peak, peakHeap.get());
    }

    /** Classes Spark has compiled from generated code in this JVM so far (Janino, whole-stage and expressions). */
    private static long compilations() {
        return CodegenMetrics$.MODULE$.METRIC_COMPILATION_TIME().getCount();
    }

    /** The stage's task seconds per step, most first. */
    private Map<String, Double> takeTaskSeconds(String stage) {
        Map<String, Double> bySteps = new LinkedHashMap<>();
        taskMillis.entrySet().stream().filter(e -> e.getKey().runStage().equals(stage))
                .sorted(Map.Entry.<Step, AtomicLong>comparingByValue(
                        java.util.Comparator.comparingLong(AtomicLong::get)).reversed()
                        .thenComparing(e -> e.getKey().step()))
                .forEach(e -> bySteps.put(e.getKey().step(), e.getValue().get() / 1000.0));
        taskMillis.keySet().removeIf(step -> step.runStage().equals(stage));
        return bySteps;
    }

    private static void count(Map<String, AtomicLong> counters, String stage, long n) {
        counters.computeIfAbsent(stage, s -> new AtomicLong()).addAndGet(n);
    }

    private static long take(Map<String, AtomicLong> counters, String stage) {
        AtomicLong c = counters.remove(stage);
        return c == null ? 0 : c.get();
    }

    @Override
    public void close() {
        sampling = false;
        heapSampler.interrupt();
        sc.removeSparkListener(this);
    }
}
