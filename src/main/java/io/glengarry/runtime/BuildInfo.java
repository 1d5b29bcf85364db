package io.glengarry.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What Maven wrote into {@code io/glengarry/build.properties} when these classes were built: the commit (empty for a
 * plain build) and the build time. Unfiltered values (an IDE build) read as empty.
 */
public final class BuildInfo {
    private static final Properties BUILD = load();

    private BuildInfo() {
    }

    /** The commit the classes were built from, or empty. */
    public static String commit() {
        return value("commit");
    }

    /** When the classes were built, or empty. */
    public static String builtAt() {
        return value("built_at");
    }

    private static String value(String key) {
        String v = BUILD.getProperty(key, "").trim();
        return v.startsWith("${") ? "" : v;
    }

    private static Properties load() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/glengarry/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // no build information: both read as empty
        }
        return build;
    }
}
