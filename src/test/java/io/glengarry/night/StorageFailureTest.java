package io.glengarry.night;

import io.glengarry.TestFiles;
import io.glengarry.TestSpark;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static io.glengarry.night.NextNight.NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse on a file system that is full, or mounted read-only - for real, on small tmpfs mounts: the night
 * ends with a named error saying what to do (GG-103, exit 1: free space and run again; GG-209, exit 2: a mount or
 * permission to fix), not GG-100; on the full one, the next run once there is room repairs the night (exports as
 * an uninterrupted run's). Mounting needs root or CAP_SYS_ADMIN, so this class is in the {@code hardening-full}
 * group (README "Hardening"), not in {@code mvn test}.
 */
@Tag("hardening-full")
class StorageFailureTest {
    @TempDir
    Path scratch;

    @Test
    void aFullFileSystemIsGG103AndTheNextRunWithRoomRepairsTheNight() throws Exception {
        TestSpark.get();
        Warehouse reference = NextNight.reference();
        Path mount = Files.createDirectories(scratch.resolve("full"));
        long room = sizeOf(reference.root()) / 4; // the night writes more than a quarter of the warehouse again
        mount(mount, "size=" + (sizeOf(NextNight.sampleNightsCopy().root()) + room) + ",mode=0755");
        try {
            Warehouse warehouse = NextNight.sampleNightsCopy(mount.resolve("warehouse"));
            assertThat(failedRun(warehouse, "full.log", ExitCode.UNEXPECTED_FAILURE))
                    .contains("[GG-103]", "is on a full file system", "run the night again");
            assertThat(warehouse.manifest(NIGHT)).as("no manifest claims the night").doesNotExist();

            command("mount", "-o", "remount,size=512m", mount.toString()); // room again
            Path again = scratch.resolve("again.log");
            assertThat(NextNight.run(warehouse, again)).as(Files.readString(again, StandardCharsets.UTF_8))
                    .isEqualTo(ExitCode.SUCCESS.code);
            assertThat(warehouse.root().resolve(RunLock.FILE_NAME)).doesNotExist();
            assertThat(NextNight.exports(warehouse, NIGHT)).containsExactlyInAnyOrderEntriesOf(
                    NextNight.exports(reference, NIGHT));
        } finally {
            command("umount", mount.toString());
        }
    }

    @Test
    void aReadOnlyFileSystemIsGG209SayingWhatToDoAndNothingChanges() throws Exception {
        TestSpark.get();
        Path mount = Files.createDirectories(scratch.resolve("read-only"));
        mount(mount, "size=256m,mode=0755");
        try {
            Warehouse warehouse = NextNight.sampleNightsCopy(mount.resolve("warehouse"));
            command("mount", "-o", "remount,ro", mount.toString());
            Map<String, String> before = TestFiles.snapshot(warehouse.root());
            assertThat(failedRun(warehouse, "read-only.log", ExitCode.BAD_USAGE_OR_CONFIG))
                    .contains("[GG-209]", "Cannot write to the warehouse", "read-only");
            assertThat(TestFiles.snapshot(warehouse.root())).isEqualTo(before);
        } finally {
            command("umount", mount.toString());
        }
    }

    /** Runs the night, expecting it to fail with {@code exit}; returns its error: the last line it printed. */
    private String failedRun(Warehouse warehouse, String logName, ExitCode exit) throws IOException,
            InterruptedException {
        Path log = scratch.resolve(logName);
        int code = NextNight.run(warehouse, log);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(exit.code);
        String[] lines = text.strip().split("\n");
        assertThat(lines[lines.length - 1]).doesNotContain("GG-100");
        return lines[lines.length - 1];
    }

    private static void mount(Path dir, String options) throws IOException, InterruptedException {
        command("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
    }

    private static void command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root or CAP_SYS_ADMIN "
                    + "to mount a tmpfs): " + out);
        }
    }

    private static long sizeOf(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            long bytes = 0;
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                bytes += (Files.size(f) + 4095) / 4096 * 4096; // tmpfs counts whole pages
            }
            return bytes;
        }
    }
}
