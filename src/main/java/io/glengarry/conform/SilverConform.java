package io.glengarry.conform;

import io.delta.tables.DeltaTable;
import io.glengarry.config.Settings;
import io.glengarry.ingest.Extract;
import io.glengarry.runtime.BuildInfo;
import io.glengarry.runtime.BuiltFrom;
import io.glengarry.runtime.ConcurrentWrites;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.RunStep;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

/**
 * The silver stage: the current state of every entity as of the run date, conformed — lead identity, channels,
 * amounts in reporting currency, won revenue with its primary lead, the lead journey — and the night's
 * data-quality findings. Emails leave as keyed hashes: no personal data travels past silver.
 */
public final class SilverConform {
    public static final List<String> DERIVED_TABLES = List.of("won_opportunities", "lead_account", "lead_journey",
            "data_quality");
    static final String LOCAL_DEVELOPMENT_KEY = "glengarry-local-development-key-not-for-production";

    private final SparkSession spark;
    private final Settings settings;
    private final Warehouse warehouse;
    private final StageLog log;
    private final Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();
    private CurrentTables currentTables;

    public SilverConform(SparkSession spark, Settings settings, Warehouse warehouse, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.warehouse = warehouse;
        this.log = log;
    }

    /**
     * Builds and writes every silver table as of the run date; returns what each table got ({@code merged},
     * {@code rebuilt}, {@code written} or {@code unchanged}) by name ({@code _current/leads}, {@code leads}).
     */
    public Map<String, String> run(LocalDate asOf) {
        byte[] emailKey = emailHashKey();
        Map<Extract, Dataset<Row>> current = java.util.Collections.synchronizedMap(new EnumMap<>(Extract.class));
        Map<String, LocalDate> snapshots = lastFullSnapshots(asOf);
        // e-mail addresses stop at bronze: the leads' current state already holds the pseudonym, not the address
        currentTables = new CurrentTables(spark, log, settings.sparkIncrementalFromRows(),
                Map.of(EmailPseudonym.KEY_ID, EmailPseudonym.keyId(emailKey)));
        List<Runnable> merges = new java.util.ArrayList<>();
        for (Extract e : Extract.values()) {
            merges.add(() -> current.put(e, currentTables.asOf(e, e == Extract.LEADS
                            ? EmailPseudonym.pseudonymised(bronze(e), emailKey) : bronze(e),
                    warehouse.bronze(e.fileName()), warehouse.current(e.fileName()), asOf,
                    Optional.ofNullable(snapshots.get(e.fileName())))));
        }
        ConcurrentWrites.run(settings.sparkConcurrentWrites(), merges);
        FiscalCalendar calendar = FiscalCalendar.of(settings.fiscalFirstMonth(), settings.fiscalYearNamedBy());
        String currency = settings.reportingCurrency();
        Dataset<Row> channelTable = ChannelMapping.table(spark, settings.channels());
        Dataset<Row> fx = current.get(Extract.FX_RATES);

        Dataset<Row> campaigns = ChannelMapping.map(current.get(Extract.CAMPAIGNS), col("channel"), "campaign_channel",
                channelTable).drop("channel").withColumnRenamed("campaign_channel", "channel");
        // what each table is built from: a table whose last commit records the same is kept as it is
        String results = BuiltFrom.digest(settings.resultsFingerprint(), BuildInfo.builtAt(),
                EmailPseudonym.keyFingerprint(emailKey));
        String resultsAsOf = BuiltFrom.digest(results, asOf.toString()); // rows that depend on the run date too
        BuiltFrom leadsFrom = builtFrom(results, current(Extract.LEADS));
        BuiltFrom touchesFrom = builtFrom(results, current(Extract.TOUCHES), current(Extract.CAMPAIGNS),
                current(Extract.LEADS));
        boolean identityNeeded = !unchanged("leads", leadsFrom) || !unchanged("touches", touchesFrom);
        Dataset<Row> rawLeads = current.get(Extract.LEADS).drop(EmailPseudonym.KEY_ID);
        // identity compares e-mail keys: the pseudonym is one (equal exactly when the normalised addresses are)
        Dataset<Row> identity = identityNeeded ? timedIdentity(rawLeads.withColumnRenamed("email_hash", "email"),
                currentTables.merged(Extract.LEADS)) : null;
        java.util.function.Supplier<Dataset<Row>> leads = () -> lastColumns(ChannelMapping.map(
                rawLeads.join(identity, "lead_id"), col("lead_source"), "channel", channelTable),
                "email_hash", "email_domain");
        Dataset<Row> touchesRaw = current.get(Extract.TOUCHES);
        Dataset<Row> campaignChannels = current.get(Extract.CAMPAIGNS).select(col("campaign_id").as("c_id"),
                col("channel").as("campaign_raw_channel"));
        java.util.function.Supplier<Dataset<Row>> touches = () -> ChannelMapping.map(
                        touchesRaw.join(campaignChannels, touchesRaw.col("campaign_id").equalTo(col("c_id")), "left")
                                .drop("c_id"),
                        coalesce(col("channel"), col("campaign_raw_channel")), "touch_channel", channelTable)
                .withColumnRenamed("channel", "raw_channel")
                .withColumn("raw_channel", coalesce(col("raw_channel"), col("campaign_raw_channel")))
                .withColumnRenamed("touch_channel", "channel")
                .drop("campaign_raw_channel")
                .join(personOfLead(identity), new String[] {"lead_id"}, "left");
        Dataset<Row> opportunities = ChannelMapping.map(
                FxConversion.convert(current.get(Extract.OPPORTUNITIES), "amount", "currency", col("close_date"),
                        "amount_reporting", fx, currency, "opportunity_id"),
                col("lead_source"), "channel", channelTable)
                .withColumn("closed_quarter_index", calendar.quarterIndex(col("close_date")))
                .withColumn("closed_quarter", FiscalCalendar.label(col("closed_quarter_index")));
        Dataset<Row> orders = FxConversion.convert(current.get(Extract.ORDERS), "net_amount", "currency",
                        col("booked_at"), "net_reporting", fx, currency, "order_id")
                .withColumn("list_reporting", FxConversion.atRate(col("list_amount")));
        Dataset<Row> spend = FxConversion.convert(current.get(Extract.SPEND), "amount", "currency",
                col("posted_date"), "amount_reporting", fx, currency, "entry_id");

        // independent tables: written side by side so their Delta commit overheads overlap (largest first)
        ConcurrentWrites.run(settings.sparkConcurrentWrites(), List.of(
                () -> write("touches", touchesFrom, touches),
                () -> write("leads", leadsFrom, leads),
                () -> write("opportunity_history", builtFrom(results, current(Extract.OPPORTUNITY_HISTORY)),
                        () -> current.get(Extract.OPPORTUNITY_HISTORY)),
                () -> write("opportunities", builtFrom(results, current(Extract.OPPORTUNITIES),
                        current(Extract.FX_RATES)), () -> opportunities),
                () -> write("orders", builtFrom(results, current(Extract.ORDERS), current(Extract.FX_RATES)),
                        () -> orders),
                () -> write("spend", builtFrom(results, current(Extract.SPEND), current(Extract.FX_RATES)),
                        () -> spend),
                () -> write("accounts", builtFrom(results, current(Extract.ACCOUNTS)),
                        () -> current.get(Extract.ACCOUNTS)),
                () -> write("fx_rates", builtFrom(results, current(Extract.FX_RATES)), () -> fx),
                () -> write("campaigns", builtFrom(results, current(Extract.CAMPAIGNS)), () -> campaigns),
                () -> write("partners", builtFrom(results, current(Extract.PARTNERS)),
                        () -> current.get(Extract.PARTNERS))));

        Dataset<Row> silverLeads = read("leads");
        Dataset<Row> silverOpportunities = read("opportunities");
        write("won_opportunities", builtFrom(results, silver("opportunities"), silver("orders"), silver("leads")),
                () -> WonRevenue.compute(silverOpportunities, read("orders"), silverLeads)
                        .withColumn("closed_quarter_index", calendar.quarterIndex(col("close_date")))
                        .withColumn("closed_quarter", FiscalCalendar.label(col("closed_quarter_index"))));
        write("lead_account", builtFrom(results, silver("leads"), silver("accounts")),
                () -> LeadAccount.match(silverLeads, read("accounts"), settings.freeMailDomains()));
        write("lead_journey", builtFrom(resultsAsOf, silver("leads"), silver("opportunities"),
                silver("won_opportunities")), () -> LeadJourney.compute(silverLeads, silverOpportunities,
                read("won_opportunities"), calendar, asOf));

        java.util.function.Supplier<Dataset<Row>> findings = () -> DataQuality.unmappedChannels(silverLeads, "leads",
                        col("lead_source"), "channel", asOf)
                .unionByName(DataQuality.unmappedChannels(read("touches"), "touches", col("raw_channel"), "channel",
                        asOf))
                .unionByName(DataQuality.unmappedChannels(read("campaigns"), "campaigns", lit(null).cast("string"),
                        "channel", asOf))
                .unionByName(DataQuality.missingFxRates(silverOpportunities, "opportunities", "opportunity_id",
                        "currency", col("close_date"), asOf))
                .unionByName(DataQuality.missingFxRates(read("orders"), "orders", "order_id", "currency",
                        to_date(col("booked_at")), asOf))
                .unionByName(DataQuality.missingFxRates(read("spend"), "spend", "entry_id", "currency",
                        col("posted_date"), asOf))
                .unionByName(DataQuality.unknownOpportunities(silverLeads, silverOpportunities, asOf))
                .unionByName(DataQuality.mergeProblems(rawLeads, asOf))
                .unionByName(LeadAccount.ambiguities(read("lead_account"), asOf));
        write("data_quality", builtFrom(resultsAsOf, silver("leads"), silver("touches"), silver("campaigns"),
                silver("opportunities"), silver("orders"), silver("spend"), silver("lead_account")), findings);
        currentTables.release();
        Map<String, String> actions = new java.util.TreeMap<>(written);
        currentTables.actions().forEach((extract, action) -> actions.put("_current/" + extract, action));
        return actions;
    }

    /**
     * Lead identity as of tonight. When the leads' current table was merged tonight (not rebuilt) and the previous
     * night's silver leads exist, only the persons that the leads changed since then can reach are resolved again
     * (LeadIdentity.update: the same answer); a change to more than a tenth of the leads resolves them all.
     * Materialised here because silver leads, read as the previous identity, is rewritten below.
     */
    private Dataset<Row> leadIdentity(Dataset<Row> leads, boolean leadsMerged) {
        String previousPath = warehouse.silver("leads");
        if (leadsMerged && DeltaTable.isDeltaTable(spark, previousPath)) {
            Dataset<Row> previous = read("leads").select(col("lead_id"), col(LeadIdentity.PERSON_ID),
                    col(LeadIdentity.PERSON_CREATED_AT));
            Row held = read("leads").agg(max(Extract.RUN_DATE), org.apache.spark.sql.functions.count(lit(1)))
                    .first();
            if (!held.isNullAt(0)) {
                LocalDate since = held.getDate(0).toLocalDate();
                Dataset<Row> changed = spark.read().format("delta").load(warehouse.current(Extract.LEADS.fileName()))
                        .filter(col(Extract.RUN_DATE).gt(lit(java.sql.Date.valueOf(since)))).select("lead_id");
                long changes = changed.count();
                if (changes <= held.getLong(1) / 10) {
                    log.info("silver lead identity: {} leads changed after {}; resolving the persons they reach",
                            StageLog.count(changes), since);
                    return LeadIdentity.update(leads, changed, previous).localCheckpoint();
                }
                log.info("silver lead identity: {} of {} leads changed after {}; resolving all",
                        StageLog.count(changes), StageLog.count(held.getLong(1)), since);
            }
        }
        return LeadIdentity.resolve(leads);
    }

    /**
     * lead_id -> person_id for the touches join, broadcast when there are at most spark.broadcast-leads-up-to
     * leads: the touches (ten per lead) then join without a shuffle and sort of every touch. The identity is
     * materialised, so counting it is cheap.
     */
    private Dataset<Row> personOfLead(Dataset<Row> identity) {
        Dataset<Row> personOfLead = identity.select("lead_id", LeadIdentity.PERSON_ID);
        return identity.count() <= settings.sparkBroadcastLeadsUpTo()
                ? org.apache.spark.sql.functions.broadcast(personOfLead) : personOfLead;
    }

    private Dataset<Row> bronze(Extract e) {
        String path = warehouse.bronze(e.fileName());
        if (!DeltaTable.isDeltaTable(spark, path)) {
            log.info("silver: no {} delivered yet; its silver table is empty", e.fileName());
            return spark.createDataFrame(List.of(), e.bronzeSchema());
        }
        Dataset<Row> rows = spark.read().format("delta").load(path);
        // a column the contract gained after this table was written (accounts' domain): null in the older rows
        List<String> held = List.of(rows.columns());
        for (org.apache.spark.sql.types.StructField f : e.bronzeSchema().fields()) {
            if (!held.contains(f.name())) {
                rows = rows.withColumn(f.name(), lit(null).cast(f.dataType()));
            }
        }
        return rows;
    }

    /** The same rows with the named columns moved to the end (silver leads keep their column order). */
    private static Dataset<Row> lastColumns(Dataset<Row> rows, String... last) {
        List<String> names = new java.util.ArrayList<>(List.of(rows.columns()));
        names.removeAll(List.of(last));
        names.addAll(List.of(last));
        return rows.select(names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /** Per extract, the latest full-snapshot drop on or before the run date (one query for all extracts). */
    private Map<String, LocalDate> lastFullSnapshots(LocalDate asOf) {
        Map<String, LocalDate> latest = new java.util.HashMap<>();
        if (!DeltaTable.isDeltaTable(spark, warehouse.drops())) {
            return latest;
        }
        for (Row r : spark.read().format("delta").load(warehouse.drops())
                .filter(col("full_snapshot").and(col(Extract.RUN_DATE).leq(lit(java.sql.Date.valueOf(asOf)))))
                .groupBy(col("extract")).agg(max(Extract.RUN_DATE)).collectAsList()) {
            latest.put(r.getString(0), r.getDate(1).toLocalDate());
        }
        return latest;
    }

    private byte[] emailHashKey() {
        String variable = settings.emailHashKeyEnv();
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            if (!settings.profile().equals("local")) {
                throw Errors.missingSecret(variable, "pseudonymising emails in silver (profile "
                        + settings.profile() + ")");
            }
            log.warn("{} is not set: emails are hashed with the local development key (profile local)", variable);
            value = LOCAL_DEVELOPMENT_KEY;
        }
        return EmailPseudonym.key(value);
    }

    /** Writes a silver table, unless its last commit records that it was built from the same inputs. */
    private void write(String table, BuiltFrom builtFrom, java.util.function.Supplier<Dataset<Row>> rows) {
        if (unchanged(table, builtFrom)) {
            written.put(table, "unchanged");
            log.info("silver {} unchanged: built from the same table versions and settings", table);
            return;
        }
        long start = System.nanoTime();
        RunStep.run(spark, table, () -> DeltaTables.replaceAll(rows.get(), warehouse.silver(table), builtFrom));
        written.put(table, "written");
        log.info("silver {} written ({})", table, StageLog.seconds((System.nanoTime() - start) / 1e9));
    }

    private boolean unchanged(String table, BuiltFrom builtFrom) {
        return DeltaTables.builtFrom(warehouse.silver(table)).equals(Optional.of(builtFrom));
    }

    /** The inputs by name ({@code current.leads}, {@code silver.leads}, ...) at their versions. */
    @SafeVarargs
    private static BuiltFrom builtFrom(String fingerprint, Map<String, Long>... inputs) {
        Map<String, Long> versions = new java.util.TreeMap<>();
        for (Map<String, Long> input : inputs) {
            versions.putAll(input);
        }
        return new BuiltFrom(versions, fingerprint);
    }

    /** What the extract's current state was built from tonight (its table's version, or bronze's). */
    private Map<String, Long> current(Extract e) {
        return currentTables.lineage(e);
    }

    /** A silver table at its latest version. */
    private Map<String, Long> silver(String table) {
        return Map.of("silver." + table, DeltaTables.latestVersion(warehouse.silver(table)));
    }

    private Dataset<Row> timedIdentity(Dataset<Row> leads, boolean leadsMerged) {
        long start = System.nanoTime();
        // merged-away (deleted) leads take part in identity; a person of such leads alone has left
        Dataset<Row> identity = LeadIdentity.withALivingLead(leadIdentity(leads, leadsMerged), leads)
                .localCheckpoint();
        log.info("silver lead identity resolved ({})", StageLog.seconds((System.nanoTime() - start) / 1e9));
        return identity;
    }

    public Dataset<Row> read(String table) {
        return spark.read().format("delta").load(warehouse.silver(table));
    }
}
