package io.glengarry.catalog;

import io.glengarry.SampleWarehouse;
import io.glengarry.TestFiles;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default catalog as a user meets it: other JVMs (io.glengarry.cli.Main, as jobs/glengarry starts it, with no
 * host session) register a copied warehouse in its own embedded metastore {@code <warehouse>/_catalog} and query
 * it by name; while another process holds that Derby database the query fails with a clear error and exit 1.
 */
class EmbeddedCatalogTest {

    private record Exit(int code, String out, String err) {
    }

    /** Runs jobs/glengarry's main class in a new JVM with the test classpath and Spark's module flags. */
    private static Exit glengarry(Path scratch, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Dlog4j2.configurationFile=conf/log4j2.properties"));
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmArg.startsWith("--add-opens") || jvmArg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || jvmArg.startsWith("-Djdk.reflect") || jvmArg.startsWith("-Dio.netty")) {
                command.add(jvmArg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.glengarry.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("glengarry " + String.join(" ", args) + " did not finish in 5 minutes: "
                    + Files.readString(err));
        }
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void anotherJvmRegistersACopiedWarehouseInItsOwnCatalogAndQueriesIt() throws Exception {
        Warehouse samples = SampleWarehouse.get();
        Path scratch = Files.createTempDirectory("glengarry-embedded-catalog-");
        Path root = scratch.resolve("warehouse");
        TestFiles.copyTree(Path.of(samples.gold("cohort_conversion")), root.resolve("gold/cohort_conversion"));
        TestFiles.copyTree(Path.of(samples.drops()), root.resolve("bronze/_drops"));
        boolean derbyLogInRepositoryBefore = Files.exists(Path.of("derby.log"));

        Exit registered = glengarry(scratch, "register", "--warehouse", root.toString());
        assertThat(registered.code()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("2 new", "glengarry_bronze, glengarry_silver, glengarry_gold");
        assertThat(root.resolve("_catalog/metastore_db")).isDirectory();
        assertThat(root.resolve("_catalog/derby.log")).exists();
        assertThat(Files.exists(Path.of("derby.log"))).isEqualTo(derbyLogInRepositoryBefore);

        // another process holds the embedded metastore: a clear error, exit 1 (retry later), nothing half done
        String database = "jdbc:derby:" + root.resolve("_catalog/metastore_db");
        try (Connection held = DriverManager.getConnection(database)) {
            assertThat(held.isValid(5)).isTrue();
            Exit locked = glengarry(scratch, "query", "--list", "--warehouse", root.toString());
            assertThat(locked.code()).as(locked.err()).isEqualTo(1);
            assertThat(locked.err()).contains("GG-102", "is in use by another process", root.resolve("_catalog")
                    .toString());
        } finally {
            assertThatThrownBy(() -> DriverManager.getConnection(database + ";shutdown=true"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"));
        }

        Exit csv = glengarry(scratch, "query", "--warehouse", root.toString(), "--format", "csv", "--limit", "0",
                "SELECT * FROM glengarry_gold.cohort_conversion WHERE as_of = DATE'" + SampleWarehouse.LAST_NIGHT
                        + "' ORDER BY " + String.join(", ", CohortConversion.sortKeys()));
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo(Files.readString(samples.exportDir("cohort_conversion",
                SampleWarehouse.LAST_NIGHT).resolve("cohort_conversion.csv")));
    }
}
