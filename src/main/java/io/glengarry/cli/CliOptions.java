package io.glengarry.cli;

import java.time.LocalDate;

/** What the command line asked for. Immutable; scopt builds it one option at a time through the withers. */
public record CliOptions(String command, LocalDate runDate, String landing, String warehouse, String conf,
                         boolean fullSnapshot, String master, String source) {

    public static final String DEFAULT_CONF = "conf/glengarry.conf";

    static CliOptions empty() {
        return new CliOptions(null, null, null, null, DEFAULT_CONF, false, null, null);
    }

    CliOptions withCommand(String value) {
        return new CliOptions(value, runDate, landing, warehouse, conf, fullSnapshot, master, source);
    }

    CliOptions withRunDate(LocalDate value) {
        return new CliOptions(command, value, landing, warehouse, conf, fullSnapshot, master, source);
    }

    CliOptions withLanding(String value) {
        return new CliOptions(command, runDate, value, warehouse, conf, fullSnapshot, master, source);
    }

    CliOptions withWarehouse(String value) {
        return new CliOptions(command, runDate, landing, value, conf, fullSnapshot, master, source);
    }

    CliOptions withConf(String value) {
        return new CliOptions(command, runDate, landing, warehouse, value, fullSnapshot, master, source);
    }

    CliOptions withFullSnapshot(boolean value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, value, master, source);
    }

    CliOptions withMaster(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, value, source);
    }

    CliOptions withSource(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, value);
    }
}
