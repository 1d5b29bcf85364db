package io.glengarry.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times the stages of a run and logs one readable line per stage (and per extract or report inside a stage),
 * so a person can follow a long run. The seconds go into the manifest.
 */
public final class StageLog {
    private static final Logger LOG = LoggerFactory.getLogger("glengarry");

    private final Map<String, Double> secondsByStage = new LinkedHashMap<>();
    private final java.util.List<Listener> listeners = new java.util.ArrayList<>();

    /** Told when a stage starts and ends (the benchmark attributes Spark's task metrics to stages this way). */
    public interface Listener {
        void started(String stage);

        void finished(String stage, double seconds);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public <T> T stage(String name, Supplier<T> work) {
        long start = System.nanoTime();
        LOG.info("{} ...", name);
        listeners.forEach(l -> l.started(name));
        T result = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        listeners.forEach(l -> l.finished(name, seconds));
        secondsByStage.merge(name, seconds, Double::sum);
        LOG.info("{} done in {}", name, seconds(seconds));
        return result;
    }

    public void stage(String name, Runnable work) {
        stage(name, () -> {
            work.run();
            return null;
        });
    }

    /** One progress line, e.g. "bronze leads: 3,012 rows read, 3,001 accepted, 11 quarantined (1.4 s)". */
    public void info(String format, Object... args) {
        LOG.info(format, args);
    }

    public void warn(String format, Object... args) {
        LOG.warn(format, args);
    }

    public Map<String, Double> secondsByStage() {
        return secondsByStage;
    }

    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
