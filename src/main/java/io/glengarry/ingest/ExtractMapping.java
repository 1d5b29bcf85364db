package io.glengarry.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one extract is read from a source: the file stem its files are named by ({@code Lead} reads
 * {@code Lead.csv}, {@code Lead.csv.gz} and {@code Lead-<part>.csv[.gz]}), where each canonical column comes from,
 * and optionally which rows of the file are rows of the extract ({@code where}, a Spark SQL condition).
 * The canonical contract is the identity mapping.
 */
public record ExtractMapping(Extract extract, String fileStem, List<ColumnSource> columns, String where,
                             List<String> whereColumns, boolean identity) implements Serializable {

    /** The canonical contract for this extract: {@code <extract>.csv}, every column under its own name. */
    public static ExtractMapping canonical(Extract extract) {
        return new ExtractMapping(extract, extract.fileName(),
                extract.columns().stream().map(ColumnSource::identity).toList(), null, List.of(), true);
    }

    /** Whether a file of the drop is one of this extract's files. */
    public boolean matches(String fileName) {
        return filePattern().matcher(fileName).matches();
    }

    /**
     * The part a file of this extract is ({@code touches-0002.csv.gz} -> {@code 0002}); empty for the whole file
     * ({@code touches.csv}); null for a file that is not this extract's.
     */
    public String partOf(String fileName) {
        java.util.regex.Matcher m = filePattern().matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return m.group(1) == null ? "" : m.group(1).substring(1);
    }

    private Pattern filePattern() {
        return Pattern.compile("^" + Pattern.quote(fileStem) + "(-[^/]+)?\\.csv(\\.gz)?$");
    }

    /**
     * Whether a file that is not one of this extract's files looks like one misnamed: the stem in another case or
     * with another extension ({@code Leads.CSV}, {@code leads.txt}, {@code leads.csv.bak}).
     */
    public boolean looksLikeMisnamed(String fileName) {
        return !matches(fileName) && Pattern.compile("^" + Pattern.quote(fileStem) + "(-[^/.]+)?(\\.[^/.]+)+$",
                Pattern.CASE_INSENSITIVE).matcher(fileName).matches();
    }

    public String fileStem() {
        return fileStem;
    }

    /** The source column a canonical column comes from, or null when it is not mapped. */
    public ColumnSource source(String column) {
        return columns.stream().filter(c -> c.column().equals(column)).findFirst().orElse(null);
    }

    /** Every source column this mapping reads (lower case, in mapping order, each once). */
    public List<String> sourceColumns() {
        List<String> out = new ArrayList<>();
        for (ColumnSource c : columns) {
            c.sourceColumns().forEach(s -> addOnce(out, s));
        }
        whereColumns.forEach(s -> addOnce(out, s));
        return out;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
