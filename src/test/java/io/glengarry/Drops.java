package io.glengarry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes small drops for tests: {@code <landing>/<run-date>/<file>}. */
public final class Drops {
    private Drops() {
    }

    public static Path write(Path landing, LocalDate runDate, String fileName, String content) {
        return writeBytes(landing, runDate, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeBytes(Path landing, LocalDate runDate, String fileName, byte[] content) {
        try {
            Path dir = landing.resolve(runDate.toString());
            Files.createDirectories(dir);
            Path file = dir.resolve(fileName);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines joined with \n, ending with \n. */
    public static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
