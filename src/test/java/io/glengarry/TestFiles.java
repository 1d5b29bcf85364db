package io.glengarry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** File-tree helpers for tests: copies of warehouses and landing folders. */
public final class TestFiles {
    private TestFiles() {
    }

    /**
     * What a tree holds, to compare before and after: every folder and file by its path relative to {@code root},
     * a file with its size and modification time.
     */
    public static java.util.Map<String, String> snapshot(Path root) throws IOException {
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                entries.put(root.relativize(p).toString(), Files.isRegularFile(p)
                        ? Files.size(p) + " " + Files.getLastModifiedTime(p) : "folder");
            }
        }
        return entries;
    }

    /** Copies a folder's tree into {@code to} (created), keeping each file's modification time. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
