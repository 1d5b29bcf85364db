package io.glengarry.runtime;

import java.util.List;

/**
 * Every error the job reports, built in one place. Each has a stable code ({@code GG-<exit><nn>}), names the
 * offending file, column or value, and says what to do.
 */
public final class Errors {
    private Errors() {
    }

    private static GlengarryException error(String code, ExitCode exit, String message) {
        return new GlengarryException(code, exit, message, null);
    }

    // ---- 1xx: the run could not start or failed unexpectedly -------------------------------------------------

    public static GlengarryException warehouseLocked(String lockFile, String holder) {
        return error("GG-101", ExitCode.UNEXPECTED_FAILURE,
                "Another Glengarry run holds the warehouse lock " + lockFile + " (" + holder + "). "
                        + "Wait for it to finish; if that run is gone, the lock is taken over automatically once "
                        + "its heartbeat is older than lock.stale-after.");
    }

    public static GlengarryException unexpected(String what, Throwable cause) {
        return new GlengarryException("GG-100", ExitCode.UNEXPECTED_FAILURE,
                what + ": " + cause + ". This is a bug or an environment problem; the log above has the details.",
                cause);
    }

    /**
     * A failure that is the warehouse's storage, not the job: a full file system (GG-103, exit 1: run again once
     * there is room) or one the job may not write to (GG-209, exit 2: a permission or mount to fix first). Found
     * by the I/O error anywhere in the failure's causes (Spark and Hadoop wrap it); empty for anything else.
     */
    public static java.util.Optional<GlengarryException> storageProblem(Throwable failure, String warehouse) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
                return java.util.Optional.of(new GlengarryException("GG-103", ExitCode.UNEXPECTED_FAILURE,
                        "The warehouse " + warehouse + " is on a full file system (" + message + "). Free space or "
                                + "move the warehouse to a larger volume, then run the night again: the next run "
                                + "repairs what this one left.", failure));
            }
            if (t instanceof java.nio.file.AccessDeniedException
                    || t instanceof java.nio.file.FileAlreadyExistsException
                    || t instanceof java.nio.file.NotDirectoryException
                    || t instanceof java.nio.file.ReadOnlyFileSystemException
                    || message.contains("Permission denied") || message.contains("Read-only file system")) {
                return java.util.Optional.of(new GlengarryException("GG-209", ExitCode.BAD_USAGE_OR_CONFIG,
                        "Cannot write to the warehouse " + warehouse + " (" + message + "). Let the user that runs "
                                + "Glengarry write there (and check the volume is not mounted read-only), or point "
                                + "--warehouse elsewhere; then run the night again.", failure));
            }
        }
        return java.util.Optional.empty();
    }

    public static GlengarryException landingNotAFolder(String landing) {
        return error("GG-210", ExitCode.BAD_USAGE_OR_CONFIG,
                "The landing " + landing + " is a file, not a folder. Point --landing (or GLENGARRY_LANDING) at the "
                        + "folder that holds the <run-date>/ drop folders.");
    }

    public static GlengarryException metastoreLocked(String metastore, Throwable cause) {
        return new GlengarryException("GG-102", ExitCode.UNEXPECTED_FAILURE,
                "The embedded catalog " + metastore + " is in use by another process (embedded Derby allows one "
                        + "JVM at a time: a run, a query or a notebook on this warehouse). Wait for it to finish "
                        + "and try again, or configure an external metastore (catalog.metastore-uris).", cause);
    }

    // ---- 2xx: bad usage or configuration ---------------------------------------------------------------------

    public static GlengarryException badUsage(String message) {
        return error("GG-201", ExitCode.BAD_USAGE_OR_CONFIG, message + " Run with --help for the options.");
    }

    public static GlengarryException badConfig(String key, Object value, String expectation) {
        return error("GG-202", ExitCode.BAD_USAGE_OR_CONFIG,
                "Config key " + key + " = '" + value + "': expected " + expectation + ". Fix it in the conf file "
                        + "(or its environment override).");
    }

    public static GlengarryException unreadableConfig(String file, Throwable cause) {
        return new GlengarryException("GG-203", ExitCode.BAD_USAGE_OR_CONFIG,
                "Cannot read config file " + file + ": " + cause.getMessage(), cause);
    }

    public static GlengarryException missingSecret(String variable, String purpose) {
        return error("GG-204", ExitCode.BAD_USAGE_OR_CONFIG,
                "Environment variable " + variable + " is not set; it is needed for " + purpose
                        + ". Set it (a long random string kept in your secret store) and run again.");
    }

    public static GlengarryException badSourceMapping(String mappingFile, String where, Object value,
                                                      String expectation) {
        return error("GG-205", ExitCode.BAD_USAGE_OR_CONFIG,
                "Source mapping " + mappingFile + ", " + where + " = '" + value + "': expected " + expectation
                        + ". Fix the mapping (the README's 'Bringing your own exports' describes the format).");
    }

    public static GlengarryException unknownSource(String name, String sourcesDir, List<String> available) {
        return error("GG-206", ExitCode.BAD_USAGE_OR_CONFIG,
                "No source mapping '" + name + "': expected a file " + sourcesDir + "/" + name + ".conf. "
                        + "Mappings there: " + available + " (canonical is built in).");
    }

    public static GlengarryException notReadOnly(String statement, String kind) {
        return error("GG-207", ExitCode.BAD_USAGE_OR_CONFIG,
                "jobs/glengarry query runs read-only SQL (SELECT, WITH, VALUES, DESCRIBE, SHOW); refused a "
                        + kind + " statement: " + abbreviate(statement) + ". The job alone writes the tables.");
    }

    public static GlengarryException badQuery(String statement, String problem) {
        return error("GG-208", ExitCode.BAD_USAGE_OR_CONFIG,
                "Cannot run the query " + abbreviate(statement) + ": " + problem
                        + " List the tables with: jobs/glengarry query --list");
    }

    /** explain: a report, measure or column it does not know; {@code known} lists what it does. */
    public static GlengarryException cannotExplain(String what, String known) {
        return error("GG-211", ExitCode.BAD_USAGE_OR_CONFIG, "explain: " + what + ". " + known);
    }

    /** explain --where matched no row of the report, or more than one. */
    public static GlengarryException noSingleReportRow(String report, String asOf, String where, long matched,
                                                       List<String> keys) {
        String problem = matched == 0 ? "no row of " + report + " as of " + asOf + " has " + where
                : "more than one row of " + report + " as of " + asOf + " has " + where;
        return error("GG-212", ExitCode.BAD_USAGE_OR_CONFIG, "explain: " + problem + ". Name one row by its key "
                + "columns " + String.join(", ", keys) + " (--where \"" + String.join("=...,", keys) + "=...\"); "
                + "list the rows with: jobs/glengarry query \"SELECT " + String.join(", ", keys) + " FROM "
                + "glengarry_gold." + report + " WHERE as_of = DATE'" + asOf + "'\"");
    }

    /** explain --as-of a night whose reports are not in gold. */
    public static GlengarryException nightNotInGold(String asOf, String warehouse, List<String> nights) {
        return error("GG-213", ExitCode.BAD_USAGE_OR_CONFIG, "explain: the warehouse " + warehouse + " holds no "
                + "reports as of " + asOf + " (a night never run, or only ingested by a later night's catch-up). "
                + (nights.isEmpty() ? "Run a night first." : "Nights with reports: " + String.join(", ", nights)
                + "."));
    }

    private static String abbreviate(String statement) {
        String oneLine = statement.strip().replaceAll("\\s+", " ");
        return "'" + (oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine) + "'";
    }

    // ---- 3xx: the drop breaks the extract contract (nothing written) ------------------------------------------

    public static GlengarryException dropMissing(String dropDir) {
        return error("GG-301", ExitCode.CONTRACT_BROKEN,
                "No drop folder " + dropDir + ". Check --run-date and --landing; a drop is a folder "
                        + "<landing>/<run-date>/ with one <extract>.csv per extract.");
    }

    public static GlengarryException emptyDrop(String dropDir, List<String> expectedNames) {
        return error("GG-302", ExitCode.CONTRACT_BROKEN,
                "Drop folder " + dropDir + " holds no extract file. Expected files named like " + expectedNames
                        + " (.csv, .csv.gz or <extract>-<part>.csv[.gz]).");
    }

    public static GlengarryException emptyFile(String file) {
        return error("GG-303", ExitCode.CONTRACT_BROKEN,
                "File " + file + " is empty: expected a header row with the extract's columns.");
    }

    public static GlengarryException wrongDelimiter(String file, char found) {
        return error("GG-304", ExitCode.CONTRACT_BROKEN,
                "File " + file + ": the header looks '" + printable(found) + "'-separated; expected ',' as the "
                        + "separator (RFC 4180). Re-export the file comma-separated, or read it through a source mapping.");
    }

    public static GlengarryException missingColumn(String file, String column, String extract, List<String> header) {
        return error("GG-305", ExitCode.CONTRACT_BROKEN,
                "File " + file + ": required column '" + column + "' of extract " + extract + " is missing. "
                        + "Header found: " + shown(header) + ". Expected the columns listed in EXTRACTS.md.");
    }

    public static GlengarryException duplicateColumn(String file, String column) {
        return error("GG-306", ExitCode.CONTRACT_BROKEN,
                "File " + file + ": column '" + shownName(column) + "' appears twice in the header; expected each "
                        + "column once.");
    }

    public static GlengarryException notUtf8(String file, long line, String detail) {
        return error("GG-307", ExitCode.CONTRACT_BROKEN,
                "File " + file + ", line " + line + ": bytes that are not UTF-8 (" + detail + "). Expected UTF-8 "
                        + "text; re-export the file as UTF-8.");
    }

    public static GlengarryException quarantineAboveThreshold(String extract, long quarantined, long read,
                                                              double maxShare, String reasons) {
        return error("GG-308", ExitCode.CONTRACT_BROKEN, String.format(java.util.Locale.ROOT,
                "Extract %s: %d of %d rows (%.1f%%) break the contract, above quarantine.max-share %.1f%%. "
                        + "Reasons: %s. Nothing was written; run 'glengarry validate' for the rows and fix the export.",
                extract, quarantined, read, 100.0 * quarantined / read, 100.0 * maxShare, reasons));
    }

    public static GlengarryException unreadableFile(String file, Throwable cause) {
        return new GlengarryException("GG-309", ExitCode.CONTRACT_BROKEN,
                "File " + file + " cannot be read: " + cause.getMessage() + ". Expected a readable CSV or gzip file.",
                cause);
    }

    public static GlengarryException mappedColumnMissing(String mapping, String file, String sourceColumn,
                                                         String extractColumn, List<String> header) {
        return error("GG-310", ExitCode.CONTRACT_BROKEN,
                "Source mapping " + mapping + ": file " + file + " has no column '" + sourceColumn + "' (mapped to "
                        + extractColumn + "). Header found: " + shown(header) + ". Export the column, or change the "
                        + "mapping.");
    }

    public static GlengarryException misnamedFile(String file, String stem) {
        return error("GG-312", ExitCode.CONTRACT_BROKEN,
                "File " + file + " looks like a " + stem + " file misnamed: file names are case-sensitive and end "
                        + "in .csv or .csv.gz. Rename it " + stem + ".csv (or " + stem + "-<part>.csv[.gz]), or "
                        + "move it out of the drop folder.");
    }

    public static GlengarryException extractDeliveredTwice(String extract, String file, List<String> others) {
        return error("GG-313", ExitCode.CONTRACT_BROKEN,
                "Extract " + extract + " is delivered twice: " + file + " beside " + others + ". A drop holds an "
                        + "extract once - one " + extract + ".csv[.gz], or parts " + extract + "-<part>.csv[.gz] "
                        + "with one file per part; remove the extra file from the drop folder.");
    }

    public static GlengarryException partMissing(String extract, String missingPart, String nextPart) {
        return error("GG-314", ExitCode.CONTRACT_BROKEN,
                "Extract " + extract + ": part " + missingPart + ".csv[.gz] is missing before " + nextPart
                        + " (numbered parts start at 0 or 1 and have no gap). Deliver the missing part, or "
                        + "renumber the parts if it never existed.");
    }

    public static GlengarryException linkOutsideLanding(String file, String landing) {
        return error("GG-311", ExitCode.CONTRACT_BROKEN,
                "File " + file + " is a symbolic link to a file outside the landing folder " + landing + "; it was "
                        + "not read. Put the file itself in the drop folder (or link within the landing folder).");
    }

    // ---- 4xx: a reconciliation or quality gate failed (outputs written) ---------------------------------------

    public static GlengarryException reconciliationFailed(String what, String reconciliationFile) {
        return error("GG-401", ExitCode.RECONCILIATION_FAILED,
                what + " does not tie. The reports were written; the differences are listed in " + reconciliationFile
                        + ".");
    }

    /** explain: the evidence of a report number does not add up to it - a bug in the report or in explain. */
    public static GlengarryException explanationDoesNotTie(String report, String measures) {
        return error("GG-402", ExitCode.RECONCILIATION_FAILED, "explain: the evidence of " + report + " does not "
                + "add up to the report for " + measures + ". This is a bug: please report it with the command "
                + "line and the output above.");
    }

    /** Two reconciliations of one night that did not tie, as one failure naming both files. */
    public static GlengarryException reconciliationsFailed(GlengarryException first, GlengarryException second) {
        return error("GG-401", ExitCode.RECONCILIATION_FAILED, first.getMessage() + " " + second.getMessage());
    }

    /**
     * A header as an error shows it: names that look like column names, anything else (a data row read as the
     * header: e-mail addresses, amounts) masked, at most 40 names - an error identifies the problem, it does not
     * echo the file's content.
     */
    static String shown(List<String> header) {
        List<String> names = header.stream().limit(40).map(Errors::shownName).toList();
        return names + (header.size() > 40 ? " and " + (header.size() - 40) + " more" : "");
    }

    /** One header name as an error shows it: the name when it looks like a column name, else masked. */
    private static String shownName(String name) {
        return COLUMN_NAME.matcher(name).matches() ? name : "<not a column name: not shown>";
    }

    private static final java.util.regex.Pattern COLUMN_NAME =
            java.util.regex.Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .()/-]{0,63}");

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
