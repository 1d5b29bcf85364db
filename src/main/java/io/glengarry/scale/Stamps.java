package io.glengarry.scale;

import java.time.LocalDate;

/** Fast text forms of the generator's instants, dates and amounts (no formatter objects in the row loops). */
final class Stamps {
    /** {@code 2026-03-04T17:20:00Z}. */
    static final int ZULU = 0;
    /** {@code 2026-03-04 17:20:00}: no offset, read in the configured zone (UTC). */
    static final int PLAIN = 1;
    /** {@code 2026-03-04T18:20:00+01:00}: the same instant shown one hour east. */
    static final int OFFSET = 2;

    private Stamps() {
    }

    static void appendTimestamp(StringBuilder b, long epochSecond, int form) {
        long shown = form == OFFSET ? epochSecond + 3600 : epochSecond;
        long day = Math.floorDiv(shown, 86400);
        int secondOfDay = (int) Math.floorMod(shown, 86400);
        appendDate(b, day);
        b.append(form == PLAIN ? ' ' : 'T');
        two(b, secondOfDay / 3600);
        b.append(':');
        two(b, secondOfDay / 60 % 60);
        b.append(':');
        two(b, secondOfDay % 60);
        if (form == ZULU) {
            b.append('Z');
        } else if (form == OFFSET) {
            b.append("+01:00");
        }
    }

    private static final long FIRST_CACHED_DAY = LocalDate.of(2020, 1, 1).toEpochDay();
    private static final String[] DATE_TEXT = new String[4000];

    static {
        for (int i = 0; i < DATE_TEXT.length; i++) {
            DATE_TEXT[i] = LocalDate.ofEpochDay(FIRST_CACHED_DAY + i).toString();
        }
    }

    static void appendDate(StringBuilder b, long epochDay) {
        long i = epochDay - FIRST_CACHED_DAY;
        if (i >= 0 && i < DATE_TEXT.length) {
            b.append(DATE_TEXT[(int) i]);
            return;
        }
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        b.append(d.getYear()).append('-');
        two(b, d.getMonthValue());
        b.append('-');
        two(b, d.getDayOfMonth());
    }

    static String date(long epochDay) {
        StringBuilder b = new StringBuilder(10);
        appendDate(b, epochDay);
        return b.toString();
    }

    /** Cents as decimal text with two decimals, {@code -1234} -> {@code -12.34}. */
    static void appendCents(StringBuilder b, long cents) {
        if (cents < 0) {
            b.append('-');
            cents = -cents;
        }
        b.append(cents / 100).append('.');
        two(b, (int) (cents % 100));
    }

    static String cents(long cents) {
        StringBuilder b = new StringBuilder(16);
        appendCents(b, cents);
        return b.toString();
    }

    /** {@code id("L", 8, 42)} -> {@code L00000042}. */
    static String id(String prefix, int width, long n) {
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
