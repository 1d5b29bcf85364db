package io.glengarry.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run at a time per warehouse. The lock is a file {@code <warehouse>/_glengarry.lock} created atomically,
 * naming its holder (host, pid, run date). While the run lives a heartbeat refreshes the file's modification
 * time. A lock is stale, and taken over, when its holder is a process on this host that no longer exists, or
 * when its heartbeat is older than {@code lock.stale-after}. Take-over renames the stale file away first, so of
 * two runs racing for a stale lock only one wins.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "_glengarry.lock";

    private final Path file;
    private final ScheduledExecutorService heartbeat;

    private RunLock(Path file, Duration staleAfter) {
        this.file = file;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glengarry-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = Math.max(1000, staleAfter.toMillis() / 4);
        heartbeat.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock of the warehouse or fails with {@link Errors#warehouseLocked}. */
    public static RunLock acquire(Path warehouse, String runDescription, Duration staleAfter, StageLog log) {
        Path file = warehouse.resolve(FILE_NAME);
        try {
            Files.createDirectories(warehouse);
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.writeString(file, holderText(runDescription), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new RunLock(file, staleAfter);
                } catch (FileAlreadyExistsException held) {
                    Properties holder = readHolder(file);
                    if (holder == null) {
                        continue; // released between our two looks
                    }
                    String reason = staleReason(file, holder, staleAfter, Clock.systemUTC());
                    if (reason == null) {
                        throw Errors.warehouseLocked(file.toString(), describe(holder));
                    }
                    log.warn("Taking over the warehouse lock of a run that is gone ({}; {})", describe(holder), reason);
                    Path aside = file.resolveSibling(FILE_NAME + ".stale-" + ProcessHandle.current().pid());
                    try {
                        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                        Files.deleteIfExists(aside);
                    } catch (NoSuchFileException raced) {
                        // another run moved it first; try again
                    }
                }
            }
            throw Errors.warehouseLocked(file.toString(), "could not take the lock after 3 attempts");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the warehouse lock " + file, e);
        }
    }

    /** Why the held lock is stale, or null when its holder is alive. */
    static String staleReason(Path file, Properties holder, Duration staleAfter, Clock clock) throws IOException {
        String host = holder.getProperty("host", "");
        long pid = Long.parseLong(holder.getProperty("pid", "-1"));
        if (host.equals(hostName()) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
            return "process " + pid + " on this host no longer exists";
        }
        Instant lastBeat = Files.getLastModifiedTime(file).toInstant();
        Duration age = Duration.between(lastBeat, clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            return "no heartbeat for " + age.toSeconds() + " s";
        }
        return null;
    }

    private static Properties readHolder(Path file) throws IOException {
        try {
            Properties p = new Properties();
            p.load(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            return p;
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private static String holderText(String runDescription) {
        return "host=" + hostName() + "\npid=" + ProcessHandle.current().pid() + "\nrun=" + runDescription
                + "\nstarted_at=" + Instant.now() + "\n";
    }

    private static String describe(Properties holder) {
        return "host " + holder.getProperty("host") + ", pid " + holder.getProperty("pid") + ", "
                + holder.getProperty("run") + ", started " + holder.getProperty("started_at");
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private void beat() {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // the next beat tries again; a missing file means we were taken over, which close() tolerates
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the warehouse lock " + file, e);
        }
    }
}
