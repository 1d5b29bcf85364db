package io.glengarry.ingest;

import java.util.Locale;

/** Why a row was quarantined: the stable reason codes of the quarantine table and the manifest. */
public enum QuarantineReason {
    /** The record could not be split into the header's columns (field count, bad quoting). */
    MALFORMED_ROW,
    /** A required column is empty. */
    MISSING_REQUIRED,
    BAD_TIMESTAMP,
    BAD_DATE,
    /** Not a decimal with '.' and at most the allowed decimals, or out of the column's precision. */
    BAD_DECIMAL,
    BAD_INTEGER,
    BAD_BOOLEAN,
    /** Not an ISO-4217 currency code. */
    UNKNOWN_CURRENCY,
    NEGATIVE_QUANTITY,
    /** A value outside the column's allowed set or range (a choice, a share outside 0-1, a rate <= 0). */
    INVALID_VALUE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
