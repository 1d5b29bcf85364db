package io.glengarry.lineage;

import io.glengarry.config.Settings;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a run's OpenLineage events where {@code lineage.transport} says - nowhere, a JSON-lines file (default) or a
 * lineage server over HTTP - through the OpenLineage client's own transports. Delivery never fails the night: a
 * failure is logged and kept for the manifest ({@code notices.lineage}).
 */
public final class LineageEmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("glengarry");

    private final String transport;
    private final String destination;
    private final OpenLineageClient client;
    private final List<String> failures = new ArrayList<>();
    private int emitted;

    private LineageEmitter(String transport, String destination, OpenLineageClient client) {
        this.transport = transport;
        this.destination = destination;
        this.client = client;
    }

    public static LineageEmitter of(Settings settings) {
        try {
            return switch (settings.lineageTransport()) {
                case "off" -> new LineageEmitter("off", "", null);
                case "http" -> http(settings);
                default -> file(settings);
            };
        } catch (RuntimeException | LinkageError e) { // no transport: the night goes on without lineage
            LineageEmitter none = new LineageEmitter(settings.lineageTransport(), "", null);
            none.failures.add("no " + settings.lineageTransport() + " transport: " + e);
            LOG.warn("lineage: cannot start the {} transport ({}); the night goes on without lineage events",
                    settings.lineageTransport(), e.toString());
            return none;
        }
    }

    private static LineageEmitter file(Settings settings) {
        try {
            Files.createDirectories(settings.lineageFile().toAbsolutePath().getParent());
        } catch (IOException e) {
            LOG.warn("lineage: cannot create the folder of {} ({}); the events will not be written",
                    settings.lineageFile(), e.toString());
        }
        FileConfig config = new FileConfig(settings.lineageFile().toAbsolutePath().toString());
        return new LineageEmitter("file", config.getLocation(), new OpenLineageClient(new FileTransport(config)));
    }

    private static LineageEmitter http(Settings settings) {
        HttpConfig config = new HttpConfig();
        config.setUrl(URI.create(settings.lineageUrl()));
        config.setEndpoint(settings.lineageEndpoint());
        config.setTimeoutInMillis((int) settings.lineageTimeout().toMillis());
        String apiKey = System.getenv(settings.lineageApiKeyEnv());
        if (apiKey != null && !apiKey.isEmpty()) {
            ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
            auth.setApiKey(apiKey);
            config.setAuth(auth);
        }
        String destination = settings.lineageUrl().replaceAll("/+$", "") + "/" + settings.lineageEndpoint()
                .replaceAll("^/+", "");
        return new LineageEmitter("http", destination, new OpenLineageClient(new HttpTransport(config)));
    }

    /** Sends one event; a failure to deliver it is logged and recorded, never thrown. */
    public void emit(RunEvent event) {
        if (client == null) {
            return;
        }
        try {
            client.emit(event);
            emitted++;
        } catch (RuntimeException | LinkageError e) { // a class missing on a cluster must not fail the night
            String failure = event.getEventType() + " not delivered to " + destination + ": " + e.getMessage();
            failures.add(failure);
            LOG.warn("lineage: {} (the night goes on; manifest notices.lineage)", failure);
        }
    }

    /** An event that could not be built (a bug): recorded and logged like one not delivered. */
    void notBuilt(String type, Throwable e) {
        String failure = type + " not built: " + e;
        failures.add(failure);
        LOG.warn("lineage: {} (the night goes on; manifest notices.lineage)", failure, e);
    }

    /** For the manifest: where the events went, how many, which failed. */
    public Map<String, Object> outcome(String runId) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("transport", transport);
        if (client != null || !failures.isEmpty()) {
            outcome.put("destination", destination);
            outcome.put("run_id", runId);
            outcome.put("events_emitted", emitted);
            outcome.put("failures", List.copyOf(failures));
        }
        return outcome;
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.warn("lineage: closing the transport failed: {}", e.toString());
            }
        }
    }
}
