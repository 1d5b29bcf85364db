package io.glengarry.config;

import java.util.List;

/** Every configuration key with its default and meaning. conf/glengarry.conf documents the same keys for users. */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    public static final ConfigKey LANDING = new ConfigKey("paths.landing", "data-samples/landing",
            "Folder holding the nightly drops <landing>/<run-date>/ (env GLENGARRY_LANDING)");
    public static final ConfigKey WAREHOUSE = new ConfigKey("paths.warehouse", "warehouse",
            "Folder of the Delta tables, exports and manifests; on a cluster every executor must see it "
                    + "(env GLENGARRY_WAREHOUSE)");
    public static final ConfigKey CHANNELS_FILE = new ConfigKey("paths.channels", "channels.conf",
            "Raw source text -> canonical channel map, relative to the main conf file");
    public static final ConfigKey SOURCES_DIR = new ConfigKey("paths.sources", "sources",
            "Folder of the source mappings NAME.conf, relative to the main conf file");
    public static final ConfigKey SOURCE = new ConfigKey("source", "canonical",
            "Source mapping the drops are read through: canonical (the contract itself) or a NAME.conf in "
                    + "paths.sources such as salesforce (flag --source)");
    public static final ConfigKey PROFILE = new ConfigKey("profile", "local",
            "local or production; production requires every secret from the environment");
    public static final ConfigKey TIME_ZONE = new ConfigKey("time-zone", "UTC",
            "Zone for timestamps without offset and for taking dates of timestamps");
    public static final ConfigKey REPORTING_CURRENCY = new ConfigKey("reporting-currency", "USD",
            "ISO-4217 code every amount is converted to");
    public static final ConfigKey FISCAL_FIRST_MONTH = new ConfigKey("fiscal.first-month", 1,
            "Calendar month (1-12) in which the fiscal year starts");
    public static final ConfigKey FISCAL_YEAR_NAMED_BY = new ConfigKey("fiscal.year-named-by", "end",
            "end: a fiscal year is named by the calendar year it ends in; start: the year it starts in");
    public static final ConfigKey QUARANTINE_MAX_SHARE = new ConfigKey("quarantine.max-share", 0.05,
            "Share (0-1) of an extract's rows that may be quarantined before the run fails with exit 3");
    public static final ConfigKey COHORT_MATURITY_QUARTERS = new ConfigKey("cohort.maturity-quarters", 4,
            "A cohort is mature once this many quarters have passed since it");
    public static final ConfigKey ATTRIBUTION_LOOKBACK_DAYS = new ConfigKey("attribution.lookback-days", 365,
            "A won deal's touchpoints are its leads' touches dated within this many days up to its close_date");
    public static final ConfigKey ATTRIBUTION_HALF_LIFE_DAYS = new ConfigKey("attribution.half-life-days", 30,
            "time_decay model: a touch this many days before the close weighs half as much as one on the close day");
    public static final ConfigKey ATTRIBUTION_MARKOV_LOOKBACK_DAYS = new ConfigKey(
            "attribution.markov-lookback-days", 365,
            "markov model: non-converting journeys are the touches of this many days up to the run date");
    public static final ConfigKey HYGIENE_SAME_DAY_MIN_AMOUNT = new ConfigKey("hygiene.same-day-min-amount", 100000,
            "crm_hygiene same_day_close: least won revenue (reporting currency) of a deal created and won the same day");
    public static final ConfigKey HYGIENE_STALE_DAYS = new ConfigKey("hygiene.stale-days", 60,
            "crm_hygiene stale_open: an open opportunity last modified more than this many days before the run date");
    public static final ConfigKey HYGIENE_CHRONIC_PUSH_COUNT = new ConfigKey("hygiene.chronic-push-count", 3,
            "crm_hygiene close_date_pushed_chronic: this many (or more) moves of close_date into a later quarter");
    public static final ConfigKey HYGIENE_LATE_ENTRY_DAYS = new ConfigKey("hygiene.late-entry-days", 7,
            "crm_hygiene late_close_entry: marked Closed Won more than this many days after its close_date");
    public static final ConfigKey HYGIENE_STAGE_ORDER = new ConfigKey("hygiene.stage-order",
            List.of("Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won",
                    "Closed Lost"),
            "crm_hygiene stage_regression: stages in forward order; stages named Closed ... are terminal and rank "
                    + "equal; the first of them is the won stage");
    public static final ConfigKey FORECAST_SURPRISE_WINDOW_DAYS = new ConfigKey("forecast.surprise-window-days", 14,
            "surprise_deals: a won deal is a surprise if never in commit at a week end before the quarter's last "
                    + "this-many days");
    public static final ConfigKey SPEND_ATTRIBUTION_MODEL = new ConfigKey("spend.attribution-model", "w_shaped",
            "spend_reconciliation: the attribution model whose credits are its attributed revenue (first_touch, "
                    + "last_touch, linear, time_decay, u_shaped, w_shaped or markov)");
    public static final ConfigKey SPEND_ATTRIBUTION_SCOPE = new ConfigKey("spend.attribution-scope", "lead",
            "spend_reconciliation: the attribution scope whose credits are its attributed revenue: lead (the deal's "
                    + "converted leads' touches) or account (every lead matched to the deal's account)");
    public static final ConfigKey FREE_MAIL_DOMAINS = new ConfigKey("accounts.free-mail-domains",
            List.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com",
                    "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com",
                    "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de",
                    "mail.com", "proton.me", "protonmail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru",
                    "qq.com", "163.com", "126.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "wp.pl",
                    "o2.pl", "onet.pl", "seznam.cz", "naver.com", "rediffmail.com"),
            "lead_account: e-mail domains that never match a lead to an account (lower case, no @)");
    public static final ConfigKey EMAIL_HASH_KEY_ENV = new ConfigKey("privacy.email-hash-key-env",
            "GLENGARRY_EMAIL_HASH_KEY",
            "Environment variable holding the HMAC-SHA256 key that pseudonymises emails in silver");
    public static final ConfigKey LOCK_STALE_AFTER = new ConfigKey("lock.stale-after", "10m",
            "A warehouse lock whose heartbeat is older than this is taken over (a killed run)");
    public static final ConfigKey SPARK_MASTER = new ConfigKey("spark.master", "local[*]",
            "Spark master for embedded runs (spark-submit's --master wins when submitted)");
    public static final ConfigKey SPARK_SHUFFLE_PARTITIONS = new ConfigKey("spark.shuffle-partitions", 8,
            "spark.sql.shuffle.partitions; small for one machine, larger on a cluster");
    public static final ConfigKey SPARK_CONCURRENT_WRITES = new ConfigKey("spark.concurrent-writes", 3,
            "Independent bronze/silver tables written, gold reports computed, side by side (1 = one by one)");
    public static final ConfigKey SPARK_BROADCAST_LEADS_UP_TO = new ConfigKey("spark.broadcast-leads-up-to",
            2_000_000, "Lead identity (lead -> person) is broadcast to the touches join up to this many leads; above, shuffled");
    public static final ConfigKey SPARK_INCREMENTAL_FROM_ROWS = new ConfigKey("spark.incremental-from-rows", 200_000,
            "An extract with fewer bronze rows keeps no current table: its state is computed from bronze each night "
                    + "(and lead identity resolved in full) rather than merged (or updated): the same rows, and on "
                    + "small extracts the cheaper way");

    public static final ConfigKey CATALOG_ENABLED = new ConfigKey("catalog.enabled", true,
            "Register every bronze, silver and gold table by name in the metastore at the end of a successful run");
    public static final ConfigKey CATALOG_BRONZE_DATABASE = new ConfigKey("catalog.bronze-database",
            "glengarry_bronze", "Metastore database of the bronze tables");
    public static final ConfigKey CATALOG_SILVER_DATABASE = new ConfigKey("catalog.silver-database",
            "glengarry_silver", "Metastore database of the silver tables");
    public static final ConfigKey CATALOG_GOLD_DATABASE = new ConfigKey("catalog.gold-database",
            "glengarry_gold", "Metastore database of the gold tables");
    public static final ConfigKey CATALOG_METASTORE_URIS = new ConfigKey("catalog.metastore-uris", "",
            "External Hive metastore (hive.metastore.uris, thrift://host:9083); empty: embedded Derby metastore "
                    + "in <warehouse>/_catalog unless catalog.metastore-jdbc-url is set");
    public static final ConfigKey CATALOG_METASTORE_JDBC_URL = new ConfigKey("catalog.metastore-jdbc-url", "",
            "External metastore database (javax.jdo.option.ConnectionURL); driver, user and password as "
                    + "spark.hadoop.javax.jdo.option.* in spark-submit or hive-site.xml");

    public static final ConfigKey LINEAGE_TRANSPORT = new ConfigKey("lineage.transport", "file",
            "Where each run's OpenLineage events go: off, file (JSON lines, lineage.file) or http (lineage.url)");
    public static final ConfigKey LINEAGE_FILE = new ConfigKey("lineage.file", "lineage/events.jsonl",
            "lineage.transport = file: the JSON-lines file the events are appended to (relative: to the warehouse)");
    public static final ConfigKey LINEAGE_URL = new ConfigKey("lineage.url", "",
            "lineage.transport = http: the lineage server, e.g. http://marquez:5000 (env GLENGARRY_LINEAGE_URL)");
    public static final ConfigKey LINEAGE_ENDPOINT = new ConfigKey("lineage.endpoint", "api/v1/lineage",
            "lineage.transport = http: the path events are POSTed to (Marquez: api/v1/lineage; DataHub: "
                    + "openapi/openlineage/api/v1/lineage)");
    public static final ConfigKey LINEAGE_API_KEY_ENV = new ConfigKey("lineage.api-key-env",
            "GLENGARRY_LINEAGE_API_KEY",
            "lineage.transport = http: environment variable holding the API key sent as a Bearer token (unset: none)");
    public static final ConfigKey LINEAGE_TIMEOUT = new ConfigKey("lineage.timeout", "5s",
            "lineage.transport = http: how long one event may take; a server that is down never fails the night");
    public static final ConfigKey LINEAGE_NAMESPACE = new ConfigKey("lineage.namespace", "glengarry",
            "The OpenLineage job namespace of the runs (the job is named glengarry.nightly)");
    public static final ConfigKey LINEAGE_PARENT = new ConfigKey("lineage.parent", "",
            "The parent run as namespace/job-name/run-id (Airflow's lineage_parent_id macro; env "
                    + "GLENGARRY_LINEAGE_PARENT); spark-submit's spark.openlineage.parentRunId & co. are used when set");

    public static final List<ConfigKey> ALL = List.of(LANDING, WAREHOUSE, CHANNELS_FILE, PROFILE, TIME_ZONE,
            REPORTING_CURRENCY, FISCAL_FIRST_MONTH, FISCAL_YEAR_NAMED_BY, QUARANTINE_MAX_SHARE,
            COHORT_MATURITY_QUARTERS, ATTRIBUTION_LOOKBACK_DAYS, ATTRIBUTION_HALF_LIFE_DAYS,
            ATTRIBUTION_MARKOV_LOOKBACK_DAYS, HYGIENE_SAME_DAY_MIN_AMOUNT, HYGIENE_STALE_DAYS,
            HYGIENE_CHRONIC_PUSH_COUNT, HYGIENE_LATE_ENTRY_DAYS, HYGIENE_STAGE_ORDER, FORECAST_SURPRISE_WINDOW_DAYS,
            EMAIL_HASH_KEY_ENV, LOCK_STALE_AFTER, SPARK_MASTER, SPARK_SHUFFLE_PARTITIONS, SPEND_ATTRIBUTION_MODEL,
            SPEND_ATTRIBUTION_SCOPE, FREE_MAIL_DOMAINS,
            SOURCES_DIR, SOURCE, SPARK_CONCURRENT_WRITES, SPARK_BROADCAST_LEADS_UP_TO,
            SPARK_INCREMENTAL_FROM_ROWS,
            CATALOG_ENABLED, CATALOG_BRONZE_DATABASE, CATALOG_SILVER_DATABASE, CATALOG_GOLD_DATABASE,
            CATALOG_METASTORE_URIS, CATALOG_METASTORE_JDBC_URL,
            LINEAGE_TRANSPORT, LINEAGE_FILE, LINEAGE_URL, LINEAGE_ENDPOINT, LINEAGE_API_KEY_ENV, LINEAGE_TIMEOUT,
            LINEAGE_NAMESPACE, LINEAGE_PARENT);
}
