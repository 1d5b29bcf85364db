package io.glengarry.cli;

import java.time.LocalDate;

/** What the command line asked for. Immutable; scopt builds it one option at a time through the withers. */
public record CliOptions(String command, LocalDate runDate, String landing, String warehouse, String conf,
                         boolean fullSnapshot, String master, ScaleOptions scale) {

    /** What generate and bench asked for: scale, nights, seed, the data folder and the JSON file. */
    public record ScaleOptions(double scale, int nights, long seed, String data, String json) {
        static final ScaleOptions DEFAULT = new ScaleOptions(0.01, 3, 20261124L, null, null);
    }

    public static final String DEFAULT_CONF = "conf/glengarry.conf";

    static CliOptions empty() {
        return new CliOptions(null, null, null, null, DEFAULT_CONF, false, null, ScaleOptions.DEFAULT);
    }

    CliOptions withCommand(String value) {
        return new CliOptions(value, runDate, landing, warehouse, conf, fullSnapshot, master, scale);
    }

    CliOptions withRunDate(LocalDate value) {
        return new CliOptions(command, value, landing, warehouse, conf, fullSnapshot, master, scale);
    }

    CliOptions withLanding(String value) {
        return new CliOptions(command, runDate, value, warehouse, conf, fullSnapshot, master, scale);
    }

    CliOptions withWarehouse(String value) {
        return new CliOptions(command, runDate, landing, value, conf, fullSnapshot, master, scale);
    }

    CliOptions withConf(String value) {
        return new CliOptions(command, runDate, landing, warehouse, value, fullSnapshot, master, scale);
    }

    CliOptions withFullSnapshot(boolean value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, value, master, scale);
    }

    CliOptions withMaster(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, value, scale);
    }

    CliOptions withScale(double value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master,
                new ScaleOptions(value, scale.nights(), scale.seed(), scale.data(), scale.json()));
    }

    CliOptions withNights(int value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master,
                new ScaleOptions(scale.scale(), value, scale.seed(), scale.data(), scale.json()));
    }

    CliOptions withSeed(long value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master,
                new ScaleOptions(scale.scale(), scale.nights(), value, scale.data(), scale.json()));
    }

    CliOptions withData(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master,
                new ScaleOptions(scale.scale(), scale.nights(), scale.seed(), value, scale.json()));
    }

    CliOptions withJson(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master,
                new ScaleOptions(scale.scale(), scale.nights(), scale.seed(), scale.data(), value));
    }
}
