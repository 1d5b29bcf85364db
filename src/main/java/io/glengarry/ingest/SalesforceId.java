package io.glengarry.ingest;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substr;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Salesforce record ids come in two forms: 15 characters, case-sensitive (reports, the UI), and 18 characters,
 * the same id plus a 3-character checksum of its upper-case letters, safe to compare case-insensitively (Data
 * Loader, the APIs). Files mixing both would not join; this turns a 15-character id into its 18-character form.
 * Each suffix character encodes one 5-character chunk: bit i set when the chunk's i-th character is A-Z; the
 * 5-bit number indexes {@value #SUFFIX_ALPHABET}. Anything that is not a 15-character id passes unchanged.
 */
public final class SalesforceId {
    static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceId() {
    }

    /** The 18-character form of a 15-character id; other values (18-character ids, blanks, ...) unchanged. */
    public static Column to18(Column id) {
        Column t = trim(id);
        Column[] suffix = new Column[3];
        for (int chunk = 0; chunk < 3; chunk++) {
            Column bits = lit(0);
            for (int i = 0; i < 5; i++) {
                Column character = substring(t, chunk * 5 + i + 1, 1);
                bits = bits.plus(when(character.rlike("^[A-Z]$"), lit(1 << i)).otherwise(lit(0)));
            }
            suffix[chunk] = substr(lit(SUFFIX_ALPHABET), bits.plus(1), lit(1));
        }
        return when(length(t).equalTo(15).and(t.rlike("^[a-zA-Z0-9]{15}$")),
                concat(t, suffix[0], suffix[1], suffix[2])).otherwise(id);
    }
}
