package io.glengarry.scale;

/** One generated lead as a drop shows it (times in epoch seconds, -1 when not set). */
final class SyntheticLead {
    final int index;
    final String id;
    long created;
    long lastModified;
    long mql = -1;
    long converted = -1;
    int account = -1;
    int channel;
    String email;
    String source;
    String campaign;
    String status;
    String mergedInto;
    boolean deleted;
    int form;
    String boolText;

    SyntheticLead(int index, String id) {
        this.index = index;
        this.id = id;
    }

    /** The opportunity a converted lead became (its id follows the lead's number). */
    String opportunityId() {
        return Stamps.id("OPL", 8, index + 1);
    }
}
