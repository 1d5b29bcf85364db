package io.glengarry.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestFiles;
import io.glengarry.cli.Main;
import io.glengarry.config.Settings;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP transport against a small lineage receiver on 127.0.0.1 started here: events POSTed to the endpoint
 * with the API key, the parent run named; and a whole night whose lineage server is down: it succeeds, logs it and
 * says so in its manifest.
 */
class LineageHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID AIRFLOW_RUN = UUID.fromString("01932f4e-5b1c-7c3a-9d2e-4f5a6b7c8d9e");

    @TempDir
    Path scratch;

    @Test
    void eventsArePostedToTheServerWithTheApiKeyAndTheParentRun() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Settings settings = Settings.load(conf(receiver.getAddress().getPort(), "2s"), Map.of());
            RunEvents events = new RunEvents(UUID.randomUUID(), settings.lineageNamespace(), LocalDate.of(2026, 11, 26),
                    "0.1.0+test", "4.2.0", ParentRun.of(settings.lineageParent(), Map.of()));
            try (LineageEmitter emitter = LineageEmitter.of(settings)) {
                emitter.emit(events.start(ZonedDateTime.now(), Path.of("data-samples/landing/2026-11-26")));
                emitter.emit(events.complete(ZonedDateTime.now(), NightLineage.nothing(Path.of("in"))));
                assertThat(emitter.outcome("id")).containsEntry("events_emitted", 2)
                        .containsEntry("failures", List.of());
            }
        } finally {
            receiver.stop(0);
        }
        // the API key comes from the variable lineage.api-key-env names (PATH: set in every environment)
        assertThat(calls).containsOnly("POST /api/v1/lineage Bearer " + System.getenv("PATH"));
        assertThat(bodies).hasSize(2);
        JsonNode start = JSON.readTree(bodies.get(0));
        assertThat(start.path("eventType").asText()).isEqualTo("START");
        JsonNode parent = start.path("run").path("facets").path("parent");
        assertThat(parent.path("run").path("runId").asText()).isEqualTo(AIRFLOW_RUN.toString());
        assertThat(parent.path("job").path("namespace").asText()).isEqualTo("airflow");
        assertThat(parent.path("job").path("name").asText()).isEqualTo("glengarry_nightly.run");
    }

    @Test
    void aNightWhoseLineageServerIsDownSucceedsAndItsManifestSaysSo() throws IOException {
        Path copy = scratch.resolve("warehouse");
        TestFiles.copyTree(SampleWarehouse.get().root(), copy);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        ExitCode exit = Main.execute(new String[] {"run", "--run-date", SampleWarehouse.LAST_NIGHT.toString(),
                "--warehouse", copy.toString(), "--conf", conf(closedPort, "1s").toString()});
        assertThat(exit).isEqualTo(ExitCode.SUCCESS);
        JsonNode lineage = JSON.readTree(new Warehouse(copy).manifest(SampleWarehouse.LAST_NIGHT).toFile())
                .path("notices").path("lineage");
        assertThat(lineage.path("transport").asText()).isEqualTo("http");
        assertThat(lineage.path("events_emitted").asInt()).isZero();
        assertThat(lineage.path("failures")).hasSize(2);
        assertThat(lineage.path("failures").get(0).asText()).startsWith("START not delivered to http://127.0.0.1:"
                + closedPort + "/api/v1/lineage");
        assertThat(lineage.path("failures").get(1).asText()).startsWith("COMPLETE not delivered");
    }

    @Test
    void theParentRunComesFromTheSettingOrFromSparkSubmitsOpenLineageProperties() {
        assertThat(ParentRun.of("airflow/glengarry_nightly.run/" + AIRFLOW_RUN, Map.of()))
                .contains(new ParentRun("airflow", "glengarry_nightly.run", AIRFLOW_RUN, Optional.empty()));
        UUID dagRun = UUID.randomUUID();
        Optional<ParentRun> fromSpark = ParentRun.of("", Map.of(
                "spark.openlineage.parentJobNamespace", "airflow",
                "spark.openlineage.parentJobName", "glengarry_nightly.run",
                "spark.openlineage.parentRunId", AIRFLOW_RUN.toString(),
                "spark.openlineage.rootParentJobNamespace", "airflow",
                "spark.openlineage.rootParentJobName", "glengarry_nightly",
                "spark.openlineage.rootParentRunId", dagRun.toString()));
        assertThat(fromSpark).contains(new ParentRun("airflow", "glengarry_nightly.run", AIRFLOW_RUN,
                Optional.of(new ParentRun("airflow", "glengarry_nightly", dagRun, Optional.empty()))));
        assertThat(ParentRun.of("", Map.of())).isEmpty();
    }

    /** The project's conf with lineage over HTTP to 127.0.0.1:port, the parent an Airflow task run. */
    private Path conf(int port, String timeout) throws IOException {
        Path main = Path.of("conf").toAbsolutePath();
        Path file = scratch.resolve("lineage-" + port + ".conf");
        Files.writeString(file, "include file(\"" + main.resolve("glengarry.conf") + "\")\n"
                + "glengarry.paths.channels = \"" + main.resolve("channels.conf") + "\"\n"
                + "glengarry.paths.sources = \"" + main.resolve("sources") + "\"\n"
                + "glengarry.lineage { transport = http, url = \"http://127.0.0.1:" + port + "\", timeout = "
                + timeout + ", api-key-env = PATH, parent = \"airflow/glengarry_nightly.run/" + AIRFLOW_RUN
                + "\" }\n", StandardCharsets.UTF_8);
        return file;
    }
}
