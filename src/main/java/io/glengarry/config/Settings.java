package io.glengarry.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.glengarry.ingest.SourceMapping;
import io.glengarry.ingest.SourceMappings;
import io.glengarry.runtime.Errors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration of one run, resolved in one place with this precedence (highest first):
 * command-line flags, environment variables named in the conf file ({@code ${?GLENGARRY_...}}), the conf file,
 * the defaults in {@link ConfigKeys}.
 */
public final class Settings {
    private final Config config;
    private final Path confFile;
    private final ChannelMap channels;
    private final String configSha256;
    private final SourceMapping sourceMapping;

    private Settings(Config config, Path confFile, ChannelMap channels, String configSha256) {
        this.config = config;
        this.confFile = confFile;
        this.channels = channels;
        this.sourceMapping = SourceMappings.load(resolveNextTo(confFile,
                config.getString(ConfigKeys.SOURCES_DIR.fullPath())), config.getString(ConfigKeys.SOURCE.fullPath()));
        this.configSha256 = configSha256.equals("test") || sourceMapping.name().equals(SourceMapping.CANONICAL)
                ? configSha256 : sha256(configSha256 + "\n" + sourceMapping);
    }

    /** Loads the conf file, applies flag overrides (key path under glengarry. -> value) and validates. */
    public static Settings load(Path confFile, Map<ConfigKey, Object> overrides) {
        Config fileConfig;
        try {
            if (!Files.isRegularFile(confFile)) {
                throw Errors.unreadableConfig(confFile.toString(), new java.io.FileNotFoundException("no such file"));
            }
            fileConfig = ConfigFactory.parseFile(confFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw Errors.unreadableConfig(confFile.toString(), e);
        }
        Config merged = fileConfig;
        for (Map.Entry<ConfigKey, Object> o : overrides.entrySet()) {
            merged = merged.withValue(o.getKey().fullPath(), ConfigValueFactory.fromAnyRef(o.getValue()));
        }
        Config resolved;
        try {
            resolved = merged.withFallback(defaults()).resolve();
        } catch (ConfigException e) {
            throw Errors.unreadableConfig(confFile.toString(), e);
        }
        Path channelsFile = resolveNextTo(confFile, resolved.getString(ConfigKeys.CHANNELS_FILE.fullPath()));
        ChannelMap channels = ChannelMap.load(channelsFile);
        String sha = sha256(resolved.getConfig("glengarry").root().render(ConfigRenderOptions.concise())
                + "\n" + channels.fingerprint());
        Settings settings = new Settings(resolved, confFile, channels, sha);
        settings.validate();
        return settings;
    }

    /** Settings from defaults plus the given overrides alone (tests, tools). */
    public static Settings of(Map<ConfigKey, Object> overrides, ChannelMap channels) {
        Config config = defaults();
        for (Map.Entry<ConfigKey, Object> o : overrides.entrySet()) {
            config = config.withValue(o.getKey().fullPath(), ConfigValueFactory.fromAnyRef(o.getValue()));
        }
        Settings settings = new Settings(config.resolve(), Path.of("conf/glengarry.conf"), channels, "test");
        settings.validate();
        return settings;
    }

    private static Config defaults() {
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            values.put(key.fullPath(), key.defaultValue());
        }
        return ConfigFactory.parseMap(values, "built-in defaults (ConfigKeys)");
    }

    private static Path resolveNextTo(Path confFile, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = confFile.toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p);
    }

    private void validate() {
        int firstMonth = fiscalFirstMonth();
        if (firstMonth < 1 || firstMonth > 12) {
            throw Errors.badConfig(ConfigKeys.FISCAL_FIRST_MONTH.fullPath(), firstMonth, "a month number 1-12");
        }
        String namedBy = fiscalYearNamedBy();
        if (!namedBy.equals("end") && !namedBy.equals("start")) {
            throw Errors.badConfig(ConfigKeys.FISCAL_YEAR_NAMED_BY.fullPath(), namedBy, "'end' or 'start'");
        }
        try {
            timeZone();
        } catch (RuntimeException e) {
            throw Errors.badConfig(ConfigKeys.TIME_ZONE.fullPath(), string(ConfigKeys.TIME_ZONE),
                    "a zone id such as UTC or Europe/Berlin");
        }
        try {
            Currency.getInstance(reportingCurrency());
        } catch (IllegalArgumentException e) {
            throw Errors.badConfig(ConfigKeys.REPORTING_CURRENCY.fullPath(), reportingCurrency(), "an ISO-4217 code");
        }
        double share = quarantineMaxShare();
        if (share < 0 || share > 1) {
            throw Errors.badConfig(ConfigKeys.QUARANTINE_MAX_SHARE.fullPath(), share, "a share between 0 and 1");
        }
        if (cohortMaturityQuarters() < 0) {
            throw Errors.badConfig(ConfigKeys.COHORT_MATURITY_QUARTERS.fullPath(), cohortMaturityQuarters(),
                    "a whole number >= 0");
        }
        if (attributionLookbackDays() < 0) {
            throw Errors.badConfig(ConfigKeys.ATTRIBUTION_LOOKBACK_DAYS.fullPath(), attributionLookbackDays(),
                    "a whole number of days >= 0");
        }
        if (attributionHalfLifeDays() < 1) {
            throw Errors.badConfig(ConfigKeys.ATTRIBUTION_HALF_LIFE_DAYS.fullPath(), attributionHalfLifeDays(),
                    "a whole number of days >= 1");
        }
        if (attributionMarkovLookbackDays() < 0) {
            throw Errors.badConfig(ConfigKeys.ATTRIBUTION_MARKOV_LOOKBACK_DAYS.fullPath(),
                    attributionMarkovLookbackDays(), "a whole number of days >= 0");
        }
        if (hygieneSameDayMinAmount().signum() < 0) {
            throw Errors.badConfig(ConfigKeys.HYGIENE_SAME_DAY_MIN_AMOUNT.fullPath(), hygieneSameDayMinAmount(),
                    "an amount >= 0");
        }
        for (ConfigKey key : List.of(ConfigKeys.HYGIENE_STALE_DAYS, ConfigKeys.HYGIENE_CHRONIC_PUSH_COUNT,
                ConfigKeys.HYGIENE_LATE_ENTRY_DAYS, ConfigKeys.FORECAST_SURPRISE_WINDOW_DAYS)) {
            if (integer(key) < 0) {
                throw Errors.badConfig(key.fullPath(), integer(key), "a whole number >= 0");
            }
        }
        List<String> stages = hygieneStageOrder();
        if (stages.isEmpty() || stages.stream().noneMatch(Settings::isClosedStage)
                || stages.stream().distinct().count() != stages.size()) {
            throw Errors.badConfig(ConfigKeys.HYGIENE_STAGE_ORDER.fullPath(), stages,
                    "a list of distinct stage names that includes the closed stages (named 'Closed ...')");
        }
        if (!io.glengarry.report.attribution.AttributionModels.ALL.contains(spendAttributionModel())) {
            throw Errors.badConfig(ConfigKeys.SPEND_ATTRIBUTION_MODEL.fullPath(), spendAttributionModel(),
                    "one of " + io.glengarry.report.attribution.AttributionModels.ALL);
        }
        if (!io.glengarry.report.attribution.AttributionScope.ALL.contains(spendAttributionScope())) {
            throw Errors.badConfig(ConfigKeys.SPEND_ATTRIBUTION_SCOPE.fullPath(), spendAttributionScope(),
                    "one of " + io.glengarry.report.attribution.AttributionScope.ALL);
        }
        freeMailDomains();
        String profile = profile();
        if (!profile.equals("local") && !profile.equals("production")) {
            throw Errors.badConfig(ConfigKeys.PROFILE.fullPath(), profile, "'local' or 'production'");
        }
        lockStaleAfter();
        sparkShufflePartitions();
        catalogEnabled();
        for (String layer : List.of("bronze", "silver", "gold")) {
            catalogDatabase(layer);
        }
        sparkConcurrentWrites();
        sparkBroadcastLeadsUpTo();
        sparkIncrementalFromRows();
        validateLineage();
    }

    private void validateLineage() {
        String transport = lineageTransport();
        if (!List.of("off", "file", "http").contains(transport)) {
            throw Errors.badConfig(ConfigKeys.LINEAGE_TRANSPORT.fullPath(), transport, "off, file or http");
        }
        if (transport.equals("http") && !lineageUrl().matches("https?://.+")) {
            throw Errors.badConfig(ConfigKeys.LINEAGE_URL.fullPath(), lineageUrl(),
                    "the lineage server's URL, such as http://marquez:5000, when lineage.transport = http");
        }
        lineageTimeout();
        String parent = lineageParent();
        if (!parent.isEmpty() && parent.split("/").length < 3) {
            throw Errors.badConfig(ConfigKeys.LINEAGE_PARENT.fullPath(), parent,
                    "namespace/job-name/run-id (Airflow's lineage_parent_id), or empty");
        }
    }

    private String string(ConfigKey key) {
        return config.getString(key.fullPath());
    }

    private int integer(ConfigKey key) {
        try {
            return config.getInt(key.fullPath());
        } catch (ConfigException e) {
            throw Errors.badConfig(key.fullPath(), config.getValue(key.fullPath()).unwrapped(), "a whole number");
        }
    }

    public Path confFile() {
        return confFile;
    }

    public String landing() {
        return string(ConfigKeys.LANDING);
    }

    public String warehouse() {
        return string(ConfigKeys.WAREHOUSE);
    }

    public String profile() {
        return string(ConfigKeys.PROFILE);
    }

    public ZoneId timeZone() {
        return ZoneId.of(string(ConfigKeys.TIME_ZONE));
    }

    public String reportingCurrency() {
        return string(ConfigKeys.REPORTING_CURRENCY);
    }

    public int fiscalFirstMonth() {
        return integer(ConfigKeys.FISCAL_FIRST_MONTH);
    }

    public String fiscalYearNamedBy() {
        return string(ConfigKeys.FISCAL_YEAR_NAMED_BY);
    }

    public double quarantineMaxShare() {
        try {
            return config.getDouble(ConfigKeys.QUARANTINE_MAX_SHARE.fullPath());
        } catch (ConfigException e) {
            throw Errors.badConfig(ConfigKeys.QUARANTINE_MAX_SHARE.fullPath(),
                    config.getValue(ConfigKeys.QUARANTINE_MAX_SHARE.fullPath()).unwrapped(), "a number between 0 and 1");
        }
    }

    public int cohortMaturityQuarters() {
        return integer(ConfigKeys.COHORT_MATURITY_QUARTERS);
    }

    public int attributionLookbackDays() {
        return integer(ConfigKeys.ATTRIBUTION_LOOKBACK_DAYS);
    }

    public int attributionHalfLifeDays() {
        return integer(ConfigKeys.ATTRIBUTION_HALF_LIFE_DAYS);
    }

    public int attributionMarkovLookbackDays() {
        return integer(ConfigKeys.ATTRIBUTION_MARKOV_LOOKBACK_DAYS);
    }

    public java.math.BigDecimal hygieneSameDayMinAmount() {
        try {
            return new java.math.BigDecimal(config.getNumber(ConfigKeys.HYGIENE_SAME_DAY_MIN_AMOUNT.fullPath())
                    .toString());
        } catch (ConfigException | NumberFormatException e) {
            throw Errors.badConfig(ConfigKeys.HYGIENE_SAME_DAY_MIN_AMOUNT.fullPath(),
                    config.getValue(ConfigKeys.HYGIENE_SAME_DAY_MIN_AMOUNT.fullPath()).unwrapped(), "an amount");
        }
    }

    public int hygieneStaleDays() {
        return integer(ConfigKeys.HYGIENE_STALE_DAYS);
    }

    public int hygieneChronicPushCount() {
        return integer(ConfigKeys.HYGIENE_CHRONIC_PUSH_COUNT);
    }

    public int hygieneLateEntryDays() {
        return integer(ConfigKeys.HYGIENE_LATE_ENTRY_DAYS);
    }

    /** Stages in forward order; the stages named "Closed ..." are terminal (see {@link #isClosedStage}). */
    public List<String> hygieneStageOrder() {
        try {
            return List.copyOf(config.getStringList(ConfigKeys.HYGIENE_STAGE_ORDER.fullPath()));
        } catch (ConfigException e) {
            throw Errors.badConfig(ConfigKeys.HYGIENE_STAGE_ORDER.fullPath(),
                    config.getValue(ConfigKeys.HYGIENE_STAGE_ORDER.fullPath()).unwrapped(), "a list of stage names");
        }
    }

    /** A closed (terminal) stage: its name starts with "Closed" (case-insensitive). */
    public static boolean isClosedStage(String stage) {
        return stage.trim().toLowerCase(java.util.Locale.ROOT).startsWith("closed");
    }

    public int forecastSurpriseWindowDays() {
        return integer(ConfigKeys.FORECAST_SURPRISE_WINDOW_DAYS);
    }

    /** spend_reconciliation's attribution model (validated against the model names). */
    public String spendAttributionModel() {
        return string(ConfigKeys.SPEND_ATTRIBUTION_MODEL);
    }

    /** spend_reconciliation's attribution scope, lead or account (validated). */
    public String spendAttributionScope() {
        return string(ConfigKeys.SPEND_ATTRIBUTION_SCOPE);
    }

    /** E-mail domains that never match a lead to an account: lower case, trimmed, without a leading @. */
    public List<String> freeMailDomains() {
        String key = ConfigKeys.FREE_MAIL_DOMAINS.fullPath();
        try {
            return config.getStringList(key).stream()
                    .map(d -> d.trim().toLowerCase(java.util.Locale.ROOT).replaceFirst("^@", ""))
                    .filter(d -> !d.isEmpty()).distinct().toList();
        } catch (ConfigException e) {
            throw Errors.badConfig(key, config.getValue(key).unwrapped(), "a list of e-mail domains");
        }
    }

    public String emailHashKeyEnv() {
        return string(ConfigKeys.EMAIL_HASH_KEY_ENV);
    }

    /** off, file or http. */
    public String lineageTransport() {
        return string(ConfigKeys.LINEAGE_TRANSPORT);
    }

    /** The events file: lineage.file, relative to the warehouse unless absolute. */
    public Path lineageFile() {
        Path file = Path.of(string(ConfigKeys.LINEAGE_FILE));
        return file.isAbsolute() ? file : Path.of(warehouse()).resolve(file);
    }

    public String lineageUrl() {
        return string(ConfigKeys.LINEAGE_URL);
    }

    public String lineageEndpoint() {
        return string(ConfigKeys.LINEAGE_ENDPOINT);
    }

    public String lineageApiKeyEnv() {
        return string(ConfigKeys.LINEAGE_API_KEY_ENV);
    }

    public Duration lineageTimeout() {
        try {
            return config.getDuration(ConfigKeys.LINEAGE_TIMEOUT.fullPath());
        } catch (ConfigException e) {
            throw Errors.badConfig(ConfigKeys.LINEAGE_TIMEOUT.fullPath(), string(ConfigKeys.LINEAGE_TIMEOUT),
                    "a duration such as 5s");
        }
    }

    public String lineageNamespace() {
        return string(ConfigKeys.LINEAGE_NAMESPACE);
    }

    /** namespace/job-name/run-id of the parent run, or empty. */
    public String lineageParent() {
        return string(ConfigKeys.LINEAGE_PARENT);
    }

    public Duration lockStaleAfter() {
        try {
            return config.getDuration(ConfigKeys.LOCK_STALE_AFTER.fullPath());
        } catch (ConfigException e) {
            throw Errors.badConfig(ConfigKeys.LOCK_STALE_AFTER.fullPath(), string(ConfigKeys.LOCK_STALE_AFTER),
                    "a duration such as 10m or 600s");
        }
    }

    public String sparkMaster() {
        return string(ConfigKeys.SPARK_MASTER);
    }

    public int sparkConcurrentWrites() {
        int n = integer(ConfigKeys.SPARK_CONCURRENT_WRITES);
        if (n < 1 || n > 16) {
            throw Errors.badConfig(ConfigKeys.SPARK_CONCURRENT_WRITES.fullPath(), n, "a whole number 1..16");
        }
        return n;
    }

    public int sparkBroadcastLeadsUpTo() {
        int n = integer(ConfigKeys.SPARK_BROADCAST_LEADS_UP_TO);
        if (n < 0) {
            throw Errors.badConfig(ConfigKeys.SPARK_BROADCAST_LEADS_UP_TO.fullPath(), n, "a whole number >= 0");
        }
        return n;
    }

    public int sparkIncrementalFromRows() {
        int n = integer(ConfigKeys.SPARK_INCREMENTAL_FROM_ROWS);
        if (n < 0) {
            throw Errors.badConfig(ConfigKeys.SPARK_INCREMENTAL_FROM_ROWS.fullPath(), n, "a whole number >= 0");
        }
        return n;
    }

    public int sparkShufflePartitions() {
        int n = integer(ConfigKeys.SPARK_SHUFFLE_PARTITIONS);
        if (n < 1) {
            throw Errors.badConfig(ConfigKeys.SPARK_SHUFFLE_PARTITIONS.fullPath(), n, "a whole number >= 1");
        }
        return n;
    }

    /** The source mapping the drops are read through (the identity for canonical drops). */
    public SourceMapping sourceMapping() {
        return sourceMapping;
    }

    public boolean catalogEnabled() {
        try {
            return config.getBoolean(ConfigKeys.CATALOG_ENABLED.fullPath());
        } catch (ConfigException e) {
            throw Errors.badConfig(ConfigKeys.CATALOG_ENABLED.fullPath(),
                    config.getValue(ConfigKeys.CATALOG_ENABLED.fullPath()).unwrapped(), "true or false");
        }
    }

    /** The metastore database of a layer (bronze, silver or gold), validated as a plain identifier. */
    public String catalogDatabase(String layer) {
        ConfigKey key = switch (layer) {
            case "bronze" -> ConfigKeys.CATALOG_BRONZE_DATABASE;
            case "silver" -> ConfigKeys.CATALOG_SILVER_DATABASE;
            case "gold" -> ConfigKeys.CATALOG_GOLD_DATABASE;
            default -> throw new IllegalArgumentException("no layer " + layer);
        };
        String name = string(key);
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw Errors.badConfig(key.fullPath(), name, "a database name of lower-case letters, digits and _");
        }
        return name;
    }

    public String catalogMetastoreUris() {
        return string(ConfigKeys.CATALOG_METASTORE_URIS).trim();
    }

    public String catalogMetastoreJdbcUrl() {
        return string(ConfigKeys.CATALOG_METASTORE_JDBC_URL).trim();
    }

    public ChannelMap channels() {
        return channels;
    }

    /** SHA-256 of the effective configuration (channel map included), recorded in the manifest. */
    public String configSha256() {
        return configSha256;
    }

    /**
     * SHA-256 of every setting that can change a table's rows (all of them but where things are and how Spark runs:
     * paths, spark.*, catalog.*, lock.*) and the channel map: part of what each table records it was built from.
     */
    public String resultsFingerprint() {
        Config results = config.getConfig("glengarry").withoutPath("paths").withoutPath("spark")
                .withoutPath("catalog").withoutPath("lock");
        return sha256(results.root().render(ConfigRenderOptions.concise()) + "\n" + channels.fingerprint());
    }

    /** The effective configuration, sorted by key, secrets masked: what a run logs at start. */
    public Map<String, String> effectiveForLog() {
        Map<String, String> out = new TreeMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            String value = config.getValue(key.fullPath()).unwrapped().toString();
            out.put(key.fullPath(), key.isSecret() ? "********" : value);
        }
        out.put("glengarry.channels (raw values mapped)", String.valueOf(channels.size()));
        return out;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
