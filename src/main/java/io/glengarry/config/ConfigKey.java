package io.glengarry.config;

/**
 * One configuration key: its HOCON path under {@code glengarry.}, its default and a one-line meaning.
 * Every key is declared once, in {@link ConfigKeys}.
 */
public record ConfigKey(String path, Object defaultValue, String doc) {
    public String fullPath() {
        return "glengarry." + path;
    }

    /** Keys whose values are never logged. */
    public boolean isSecret() {
        return path.matches("(?i).*(password|secret|token).*");
    }
}
