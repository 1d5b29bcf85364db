package io.glengarry.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a table's rows were computed from: the Delta version of every table it read, and a fingerprint of everything
 * else they depend on (the settings that change results, the build of the code, the run date where the rows depend
 * on it). Each write records it in its Delta commit ({@code userMetadata}, so {@code DESCRIBE HISTORY} shows it); a
 * table whose last commit records the same inputs and fingerprint holds exactly the rows a rewrite would give, and
 * is not written again.
 */
public record BuiltFrom(Map<String, Long> inputs, String fingerprint) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "glengarry_built_from";

    public BuiltFrom {
        inputs = Map.copyOf(new TreeMap<>(inputs));
    }

    /** The commit's userMetadata: {@code {"glengarry_built_from": {"inputs": {...}, "fingerprint": "..."}}}. */
    public String userMetadata() {
        ObjectNode built = JSON.createObjectNode();
        ObjectNode in = built.putObject("inputs");
        new TreeMap<>(inputs).forEach(in::put);
        built.put("fingerprint", fingerprint);
        ObjectNode root = JSON.createObjectNode();
        root.set(KEY, built);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the lineage of a table", e);
        }
    }

    /** The lineage in a commit's userMetadata, empty when it holds none (another writer, an older version). */
    public static Optional<BuiltFrom> parse(String userMetadata) {
        if (userMetadata == null || userMetadata.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode built = JSON.readTree(userMetadata).path(KEY);
            if (!built.isObject() || !built.path("inputs").isObject() || !built.path("fingerprint").isTextual()) {
                return Optional.empty();
            }
            Map<String, Long> inputs = new TreeMap<>();
            built.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asLong()));
            return Optional.of(new BuiltFrom(inputs, built.path("fingerprint").asText()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the parts, in order, as hex: a fingerprint of settings and other non-table inputs. */
    public static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
