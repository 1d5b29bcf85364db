package io.glengarry.scale;

import io.glengarry.runtime.StageLog;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark measures per run stage: the StageLog's seconds, and the bytes and records Spark's tasks read
 * (task input metrics, attributed to the run stage through a local property the jobs carry), plus the peak
 * driver heap sampled every 100 ms.
 */
final class StageMetrics extends SparkListener implements StageLog.Listener, AutoCloseable {
    static final String STAGE_PROPERTY = "glengarry.bench.stage";

    /** One run stage's figures. */
    record Figures(double seconds, long bytesRead, long recordsRead) {
    }

    private final SparkContext sc;
    private final Map<Integer, String> runStageBySparkStage = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread heapSampler;
    private volatile boolean sampling = true;

    StageMetrics(SparkContext sc) {
        this.sc = sc;
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
    }

    @Override
    public void finished(String stage, double secs) {
        sc.setLocalProperty(STAGE_PROPERTY, null);
        seconds.merge(stage, secs, Double::sum);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String stage = job.properties() == null ? null : job.properties().getProperty(STAGE_PROPERTY);
        if (stage != null) {
            scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())
                    .forEach(id -> runStageBySparkStage.put((Integer) id, stage));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        String stage = runStageBySparkStage.get(task.stageId());
        if (stage != null && task.taskMetrics() != null) {
            bytes.computeIfAbsent(stage, s -> new AtomicLong()).addAndGet(task.taskMetrics().inputMetrics()
                    .bytesRead());
            records.computeIfAbsent(stage, s -> new AtomicLong()).addAndGet(task.taskMetrics().inputMetrics()
                    .recordsRead());
        }
    }

    /** The figures since the last call (waits for Spark's listener bus to deliver every task end first). */
    Map<String, Figures> drain() {
        try {
            sc.listenerBus().waitUntilEmpty(60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain within 60 s", e);
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        seconds.forEach((stage, secs) -> figures.put(stage, new Figures(secs, take(bytes, stage),
                take(records, stage))));
        seconds.clear();
        return figures;
    }

    /** The peak heap used since the last call, in bytes. */
    long takePeakHeap() {
        long peak = peakHeap.getAndSet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return Math.max(peak, peakHeap.get());
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
