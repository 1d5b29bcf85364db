package io.glengarry.catalog;

import io.glengarry.config.Settings;

import java.util.Locale;

/** The three layers of the warehouse: a folder each, and a metastore database each. */
public enum Layer {
    BRONZE, SILVER, GOLD;

    /** The folder under the warehouse root, and the word the config and the docs use. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String database(Settings settings) {
        return settings.catalogDatabase(folder());
    }
}
