package io.glengarry.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.glengarry.ingest.ColumnType.BOOLEAN;
import static io.glengarry.ingest.ColumnType.CURRENCY;
import static io.glengarry.ingest.ColumnType.DATE;
import static io.glengarry.ingest.ColumnType.FRACTION;
import static io.glengarry.ingest.ColumnType.MONEY;
import static io.glengarry.ingest.ColumnType.QUANTITY;
import static io.glengarry.ingest.ColumnType.RATE;
import static io.glengarry.ingest.ColumnType.TEXT;
import static io.glengarry.ingest.ColumnType.TIMESTAMP;
import static io.glengarry.ingest.ExtractColumn.optional;
import static io.glengarry.ingest.ExtractColumn.optionalChoice;
import static io.glengarry.ingest.ExtractColumn.required;
import static io.glengarry.ingest.ExtractColumn.requiredChoice;

/** The ten extracts of a nightly drop and their columns, exactly as shared/spec/EXTRACTS.md lists them. */
public enum Extract {
    LEADS(List.of("lead_id"),
            required("lead_id", TEXT), required("created_at", TIMESTAMP), required("last_modified_at", TIMESTAMP),
            optional("email", TEXT), optional("company", TEXT), optional("country", TEXT),
            optional("territory", TEXT), optional("lead_source", TEXT), optional("campaign_id", TEXT),
            optional("status", TEXT), optional("mql_at", TIMESTAMP), optional("converted_at", TIMESTAMP),
            optional("converted_opportunity_id", TEXT), optional("converted_account_id", TEXT),
            optional("merged_into_lead_id", TEXT), optional("is_deleted", BOOLEAN)),
    TOUCHES(List.of("touch_id"),
            required("touch_id", TEXT), required("lead_id", TEXT), required("occurred_at", TIMESTAMP),
            optional("campaign_id", TEXT), optional("channel", TEXT), optional("touch_type", TEXT),
            optional("is_deleted", BOOLEAN)),
    CAMPAIGNS(List.of("campaign_id"),
            required("campaign_id", TEXT), optional("name", TEXT), required("channel", TEXT),
            optional("start_date", DATE), optional("end_date", DATE), optional("budget", MONEY),
            optional("currency", CURRENCY)),
    ACCOUNTS(List.of("account_id"),
            required("account_id", TEXT), optional("name", TEXT), optional("industry", TEXT),
            optional("country", TEXT), optional("territory", TEXT), optional("segment", TEXT),
            required("last_modified_at", TIMESTAMP), optional("is_deleted", BOOLEAN), optional("domain", TEXT)),
    OPPORTUNITIES(List.of("opportunity_id"),
            required("opportunity_id", TEXT), optional("account_id", TEXT), required("created_at", TIMESTAMP),
            required("last_modified_at", TIMESTAMP), required("close_date", DATE), required("stage", TEXT),
            optional("amount", MONEY), required("currency", CURRENCY), required("is_closed", BOOLEAN),
            required("is_won", BOOLEAN),
            optionalChoice("forecast_category", "pipeline", "best_case", "commit", "closed", "omitted"),
            optional("owner_id", TEXT), optional("territory", TEXT),
            requiredChoice("sales_channel", "direct", "var", "si", "mmr"), optional("partner_id", TEXT),
            optional("lead_source", TEXT), optional("primary_campaign_id", TEXT), optional("is_deleted", BOOLEAN)),
    OPPORTUNITY_HISTORY(List.of("opportunity_id", "changed_at"),
            required("opportunity_id", TEXT), required("changed_at", TIMESTAMP), required("stage", TEXT),
            optional("amount", MONEY), required("close_date", DATE),
            optionalChoice("forecast_category", "pipeline", "best_case", "commit", "closed", "omitted")),
    ORDERS(List.of("order_id"),
            required("order_id", TEXT), required("opportunity_id", TEXT), required("booked_at", TIMESTAMP),
            required("currency", CURRENCY), optional("list_amount", MONEY), required("net_amount", MONEY),
            optional("quantity", QUANTITY)),
    PARTNERS(List.of("partner_id"),
            required("partner_id", TEXT), required("name", TEXT),
            requiredChoice("partner_type", "var", "si", "mmr"), required("margin_pct", FRACTION),
            optional("territory", TEXT)),
    SPEND(List.of("entry_id"),
            required("entry_id", TEXT), required("posted_date", DATE), required("amount", MONEY),
            required("currency", CURRENCY), optional("gl_account", TEXT), optional("cost_center", TEXT),
            optional("channel", TEXT), optional("campaign_id", TEXT), optional("vendor", TEXT),
            optional("description", TEXT)),
    FX_RATES(List.of("rate_date", "currency"),
            required("rate_date", DATE), required("currency", CURRENCY), required("rate_to_reporting", RATE));

    /** Lineage columns every bronze row carries, after the extract's own columns. */
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String RUN_DATE = "run_date";

    private final List<String> keyColumns;
    private final List<ExtractColumn> columns;

    Extract(List<String> keyColumns, ExtractColumn... columns) {
        this.keyColumns = keyColumns;
        this.columns = List.of(columns);
    }

    /** The file stem and table name: leads, opportunity_history, fx_rates, ... */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<ExtractColumn> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(ExtractColumn::name).toList();
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Schema of the bronze table: typed extract columns, then lineage. */
    public StructType bronzeSchema() {
        List<StructField> fields = new ArrayList<>();
        for (ExtractColumn c : columns) {
            fields.add(DataTypes.createStructField(c.name(), c.type().sparkType, true));
        }
        fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(SOURCE_LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(RUN_DATE, DataTypes.DateType, false));
        return new StructType(fields.toArray(new StructField[0]));
    }

    public static Extract byFileName(String name) {
        for (Extract e : values()) {
            if (e.fileName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
