package io.glengarry.runtime.localfs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's raw local file system, with the two calls it makes by starting a shell command replaced by Java's own
 * file API. Without Hadoop's native library (which Spark does not ship), {@code setPermission} runs {@code chmod}
 * and {@code getFileLinkStatus} runs {@code readlink} as child processes: a Spark write does the first for every
 * folder and file it creates, a Delta commit (through Hadoop's FileContext) the second several times, so a night
 * started some 1,300 processes and as many reader threads. The answers are the same: the same permission bits, and
 * a symbolic link still goes to Hadoop's own code.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f); // what Hadoop returns for a path that is not a link
    }

    /** The rwx bits of a Hadoop permission (sticky and set-id bits are not set by Hadoop's local writes). */
    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                bits.add(order[i]);
            }
        }
        return bits;
    }
}
