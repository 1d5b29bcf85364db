package io.glengarry.runtime.localfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local file system without shell commands answers as Hadoop's own: the same permission bits on files and
 * folders, the same link status of a plain file and of a symbolic link as Hadoop's RawLocalFileSystem gives, and
 * FileContext's rename (Delta's commit).
 */
class NioLocalFileSystemTest {

    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    @Test
    void permissionsAreSetWithoutAShell(@TempDir java.nio.file.Path dir) throws Exception {
        FileSystem fs = FileSystem.get(dir.toUri(), conf());
        assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
        Path folder = new Path(dir.resolve("a/b").toUri());
        assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwxr-x---");
        Path file = new Path(folder, "f.txt");
        fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/f.txt"))))
                .isEqualTo("rw-r-----");
        fs.setPermission(file, new FsPermission((short) 0604));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/f.txt"))))
                .isEqualTo("rw----r--");
    }

    @Test
    void linkStatusOfAFileAndOfALinkAndARenameThroughFileContext(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path plain = Files.writeString(dir.resolve("plain.txt"), "x", StandardCharsets.UTF_8);
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), plain);
        FileSystem fs = FileSystem.get(dir.toUri(), conf());
        org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
        hadoops.initialize(dir.toUri(), new Configuration(false));
        for (java.nio.file.Path p : List.of(plain, link)) {
            FileStatus ours = fs.getFileLinkStatus(new Path(p.toUri()));
            FileStatus theirs = hadoops.getFileLinkStatus(new Path(p.toUri()));
            assertThat(ours.isFile()).as(p.toString()).isTrue().isEqualTo(theirs.isFile());
            assertThat(ours.isSymlink()).as(p.toString()).isEqualTo(theirs.isSymlink());
            assertThat(ours.getLen()).as(p.toString()).isEqualTo(1).isEqualTo(theirs.getLen());
            assertThat(ours.getPath()).as(p.toString()).isEqualTo(theirs.getPath());
        }

        FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
        fc.rename(new Path(plain.toUri()), new Path(dir.resolve("renamed.txt").toUri()), Options.Rename.NONE);
        assertThat(dir.resolve("renamed.txt")).hasContent("x");
        assertThat(plain).doesNotExist();
    }
}
