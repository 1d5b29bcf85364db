package io.glengarry.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent table writes side by side (Spark schedules jobs from several threads), so that one table's
 * Delta commit overhead — log listing, snapshot, commit file — overlaps another table's work. The tables come out
 * the same as written one after the other; the first failure is rethrown once every write has ended.
 */
public final class ConcurrentWrites {
    private ConcurrentWrites() {
    }

    public static void run(int threads, List<Runnable> writes) {
        if (threads <= 1 || writes.size() <= 1) {
            writes.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, writes.size()));
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Runnable w : writes) {
                pending.add(pool.submit(w));
            }
            RuntimeException first = null;
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("A table write failed", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while writing tables", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
