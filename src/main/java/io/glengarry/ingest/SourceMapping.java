package io.glengarry.ingest;

import java.io.Serializable;
import java.util.Map;

/**
 * A source mapping: how each extract of the contract is read from one kind of export (conf/sources/NAME.conf).
 * Every extract has a mapping; an extract the source file does not name is read by the canonical contract.
 */
public record SourceMapping(String name, String origin, Map<Extract, ExtractMapping> extracts)
        implements Serializable {
    public static final String CANONICAL = "canonical";

    public ExtractMapping of(Extract extract) {
        return extracts.get(extract);
    }

    /** The extract a file of the drop belongs to under this mapping, or null. */
    public Extract extractOf(String fileName) {
        for (Map.Entry<Extract, ExtractMapping> e : extracts.entrySet()) {
            if (e.getValue().matches(fileName)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The extract whose file a misnamed file looks like (ExtractMapping#looksLikeMisnamed), or null. */
    public ExtractMapping misnamedAs(String fileName) {
        return extracts.values().stream().filter(m -> m.looksLikeMisnamed(fileName)).findFirst().orElse(null);
    }

    /** The identity mapping of every extract. */
    public static SourceMapping canonical() {
        Map<Extract, ExtractMapping> all = new java.util.EnumMap<>(Extract.class);
        for (Extract e : Extract.values()) {
            all.put(e, ExtractMapping.canonical(e));
        }
        return new SourceMapping(CANONICAL, "built-in", all);
    }

    /** How messages name the mapping: salesforce (conf/sources/salesforce.conf). */
    public String label() {
        return name + " (" + origin + ")";
    }

    /** File names the mapping expects, for messages: Lead.csv, accounts.csv, ... */
    public java.util.List<String> expectedFileNames() {
        return extracts.values().stream().map(m -> m.fileStem() + ".csv").toList();
    }
}
