package io.glengarry.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a canonical drop into the drop a Salesforce org would export for the same records (conf/sources/
 * salesforce.conf reads it back): object files and API field names, Data Loader formats
 * ({@code 2026-03-04T17:20:00.000Z} in UTC, {@code true/false}), Salesforce picklist values, percent fields
 * as percents and DatedConversionRate in Salesforce's direction (units of the currency per one unit of the
 * corporate currency, at double precision). Record ids stay the same, so reports compare byte for byte.
 * Deterministic: same input, same bytes.
 *
 * <p>Bad sample rows: a value that cannot be converted (a date 31/12/2025, a boolean "yes", a rate that is not
 * a positive number) is written as it was, so the Salesforce night quarantines the same rows for the same
 * reasons; a row with an extra field keeps it. Lines stay where they were (record for record, same line
 * breaks), so ties broken by file line resolve the same way. Extra fields a Salesforce export carries
 * (SystemModstamp, IsConverted, ...) are added and ignored by the mapping; three campaign members that never
 * responded are added at the end of the last CampaignMember part (not touches: the mapping leaves them out).
 * spend.csv (finance ledger lines, not a Salesforce object) is copied unchanged.
 */
final class SalesforceDrop {
    private static final DateTimeFormatter SALESFORCE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);

    private record Field(String name, Function<Map<String, String>, String> value) {
    }

    private SalesforceDrop() {
    }

    /** Writes the Salesforce-shaped copy of {@code canonicalDrop} into {@code out} (a drop folder). */
    static void write(Path canonicalDrop, Path out) {
        try {
            Files.createDirectories(out);
            convert(canonicalDrop.resolve("leads.csv"), out.resolve("Lead.csv"), leads(), List.of());
            convert(canonicalDrop.resolve("accounts.csv"), out.resolve("Account.csv"), accounts(), List.of());
            convert(canonicalDrop.resolve("campaigns.csv"), out.resolve("Campaign.csv"), campaigns(), List.of());
            convert(canonicalDrop.resolve("opportunities.csv"), out.resolve("Opportunity.csv"), opportunities(),
                    List.of());
            convert(canonicalDrop.resolve("opportunity_history.csv"), out.resolve("OpportunityHistory.csv"),
                    history(), List.of());
            convert(canonicalDrop.resolve("orders.csv"), out.resolve("Order.csv"), orders(), List.of());
            convert(canonicalDrop.resolve("partners.csv"), out.resolve("Partner__c.csv"), partners(), List.of());
            convert(canonicalDrop.resolve("fx_rates.csv"), out.resolve("DatedConversionRate.csv"), rates(),
                    List.of());
            List<Path> touchParts;
            try (Stream<Path> files = Files.list(canonicalDrop)) {
                touchParts = files.filter(p -> p.getFileName().toString().startsWith("touches")).sorted().toList();
            }
            for (int i = 0; i < touchParts.size(); i++) {
                String name = touchParts.get(i).getFileName().toString().replace("touches", "CampaignMember");
                convert(touchParts.get(i), out.resolve(name), campaignMembers(),
                        i == touchParts.size() - 1 ? membersWhoNeverResponded() : List.of());
            }
            Files.copy(canonicalDrop.resolve("spend.csv"), out.resolve("spend.csv"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Field> leads() {
        return List.of(
                copy("Id", "lead_id"), bool("IsDeleted", "is_deleted"), copy("MasterRecordId", "merged_into_lead_id"),
                copy("Company", "company"), copy("Email", "email"), copy("Country", "country"),
                copy("Territory__c", "territory"), copy("LeadSource", "lead_source"),
                new Field("Status", r -> picklist(r.get("status"), Map.of("Open", "Open - Not Contacted",
                        "MQL", "Marketing Qualified", "Converted", "Closed - Converted",
                        "Disqualified", "Closed - Not Converted"))),
                timestamp("CreatedDate", "created_at"), timestamp("LastModifiedDate", "last_modified_at"),
                timestamp("SystemModstamp", "last_modified_at"), timestamp("MQL_Date__c", "mql_at"),
                new Field("IsConverted", r -> blank(r.get("converted_at")) ? "false" : "true"),
                new Field("ConvertedDate", r -> utcDate(r.get("converted_at"))),
                timestamp("Converted_At__c", "converted_at"),
                copy("ConvertedAccountId", "converted_account_id"),
                copy("ConvertedOpportunityId", "converted_opportunity_id"),
                copy("Primary_Campaign__c", "campaign_id"));
    }

    private static List<Field> campaignMembers() {
        return List.of(
                copy("Id", "touch_id"), copy("CampaignId", "campaign_id"), copy("LeadId", "lead_id"),
                new Field("Status", r -> picklist(r.get("touch_type"), Map.of("form_fill", "Responded",
                        "webinar_attended", "Attended", "tradeshow_scan", "Visited Booth",
                        "survey_response", "Completed Survey", "email_click", "Clicked", "ad_click", "Clicked Ad",
                        "web_visit", "Visited Website"))),
                new Field("HasResponded", r -> "true"),
                timestamp("CreatedDate", "occurred_at"),
                new Field("FirstRespondedDate", r -> utcDate(r.get("occurred_at"))),
                copy("Touch_Channel__c", "channel"), new Field("IsDeleted", r -> "false"));
    }

    /** Campaign members who were sent something and never responded: in the file, not touches. */
    private static List<List<String>> membersWhoNeverResponded() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rows.add(List.of("CM-NOREPLY-" + i, "C0002", "L00000" + i, "Sent", "false",
                    "2026-11-20T09:00:00.000Z", "", "", "false"));
        }
        return rows;
    }

    private static List<Field> campaigns() {
        return List.of(copy("Id", "campaign_id"), copy("Name", "name"), copy("Type", "channel"),
                copy("StartDate", "start_date"), copy("EndDate", "end_date"), copy("BudgetedCost", "budget"),
                copy("CurrencyIsoCode", "currency"), new Field("IsActive", r -> "true"));
    }

    private static List<Field> accounts() {
        return List.of(copy("Id", "account_id"), copy("Name", "name"), copy("Industry", "industry"),
                copy("BillingCountry", "country"), copy("Territory__c", "territory"), copy("Segment__c", "segment"),
                timestamp("LastModifiedDate", "last_modified_at"), timestamp("SystemModstamp", "last_modified_at"),
                bool("IsDeleted", "is_deleted"), copy("Website", "domain"));
    }

    private static final Map<String, String> STAGES = Map.of("Proposal", "Proposal/Price Quote",
            "Negotiation", "Negotiation/Review");

    private static List<Field> opportunities() {
        return List.of(copy("Id", "opportunity_id"), copy("AccountId", "account_id"),
                timestamp("CreatedDate", "created_at"), timestamp("LastModifiedDate", "last_modified_at"),
                copy("CloseDate", "close_date"), new Field("StageName", r -> picklist(r.get("stage"), STAGES)),
                copy("Amount", "amount"), copy("CurrencyIsoCode", "currency"), bool("IsClosed", "is_closed"),
                bool("IsWon", "is_won"),
                new Field("ForecastCategoryName", r -> picklist(r.get("forecast_category"), Map.of(
                        "pipeline", "Pipeline", "best_case", "Best Case", "commit", "Commit", "closed", "Closed",
                        "omitted", "Omitted"))),
                copy("OwnerId", "owner_id"), copy("Territory__c", "territory"),
                new Field("Sales_Channel__c", r -> picklist(r.get("sales_channel"), Map.of("direct", "Direct",
                        "var", "VAR", "si", "SI", "mmr", "MMR"))),
                copy("Partner__c", "partner_id"), copy("LeadSource", "lead_source"),
                copy("CampaignId", "primary_campaign_id"), bool("IsDeleted", "is_deleted"),
                timestamp("SystemModstamp", "last_modified_at"));
    }

    private static List<Field> history() {
        return List.of(copy("OpportunityId", "opportunity_id"), timestamp("CreatedDate", "changed_at"),
                new Field("StageName", r -> picklist(r.get("stage"), STAGES)), copy("Amount", "amount"),
                copy("CloseDate", "close_date"),
                new Field("ForecastCategory", r -> picklist(r.get("forecast_category"), Map.of(
                        "pipeline", "Pipeline", "best_case", "BestCase", "commit", "Forecast", "closed", "Closed",
                        "omitted", "Omitted"))),
                new Field("IsDeleted", r -> "false"));
    }

    private static List<Field> orders() {
        return List.of(copy("Id", "order_id"), copy("OpportunityId", "opportunity_id"),
                new Field("Status", r -> "Activated"), timestamp("ActivatedDate", "booked_at"),
                new Field("EffectiveDate", r -> utcDate(r.get("booked_at"))), copy("CurrencyIsoCode", "currency"),
                copy("List_Amount__c", "list_amount"), copy("TotalAmount", "net_amount"),
                copy("Quantity__c", "quantity"));
    }

    private static List<Field> partners() {
        return List.of(copy("Id", "partner_id"), copy("Name", "name"),
                new Field("Partner_Type__c", r -> picklist(r.get("partner_type"), Map.of("var", "VAR",
                        "si", "System Integrator", "mmr", "Marketplace"))),
                new Field("Margin__c", r -> percent(r.get("margin_pct"))), copy("Territory__c", "territory"));
    }

    private static List<Field> rates() {
        return List.of(copy("IsoCode", "currency"), copy("StartDate", "rate_date"),
                new Field("ConversionRate", r -> inverse(r.get("rate_to_reporting"))));
    }

    private static Field copy(String name, String column) {
        return new Field(name, r -> r.get(column));
    }

    private static Field timestamp(String name, String column) {
        return new Field(name, r -> salesforceTimestamp(r.get(column)));
    }

    private static Field bool(String name, String column) {
        return new Field(name, r -> {
            String v = r.get(column);
            if (blank(v)) {
                return v;
            }
            String t = v.trim().toLowerCase(Locale.ROOT);
            return t.equals("true") || t.equals("1") ? "true" : t.equals("false") || t.equals("0") ? "false" : v;
        });
    }

    static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    private static String picklist(String v, Map<String, String> salesforceValues) {
        return blank(v) ? v : salesforceValues.getOrDefault(v.trim(), v);
    }

    /** A contract timestamp as Data Loader writes it (UTC, milliseconds); anything else unchanged. */
    static String salesforceTimestamp(String v) {
        OffsetDateTime t = parse(v);
        return t == null ? v : SALESFORCE_TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The UTC date of a contract timestamp; for one that does not parse, its first ten characters. */
    static String utcDate(String v) {
        OffsetDateTime t = parse(v);
        if (t == null) {
            return blank(v) ? v : v.trim().substring(0, Math.min(10, v.trim().length()));
        }
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Timestamps without offset are UTC (the samples' time-zone). */
    private static OffsetDateTime parse(String v) {
        if (blank(v) || !v.trim().matches(ExtractTyping.TIMESTAMP_PATTERN)) {
            return null;
        }
        String iso = v.trim().replace(' ', 'T');
        try {
            if (iso.endsWith("Z") || iso.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(iso);
            }
            return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** 0.30 -> 30 (a Salesforce Percent field). */
    private static String percent(String v) {
        try {
            return new BigDecimal(v.trim()).movePointRight(2).stripTrailingZeros().toPlainString();
        } catch (RuntimeException e) {
            return v;
        }
    }

    /** Units of the currency per one unit of the corporate currency, at double precision (15 digits). */
    static String inverse(String rateToReporting) {
        try {
            BigDecimal r = new BigDecimal(rateToReporting.trim());
            if (r.signum() <= 0) {
                return rateToReporting;
            }
            return BigDecimal.ONE.divide(r, new MathContext(15, RoundingMode.HALF_EVEN)).toPlainString();
        } catch (RuntimeException e) {
            return rateToReporting;
        }
    }

    private static void convert(Path in, Path out, List<Field> fields, List<List<String>> extraRows)
            throws IOException {
        boolean gzip = in.getFileName().toString().endsWith(".gz");
        try (InputStream raw = DropInspector.decompressed(new BufferedInputStream(Files.newInputStream(in)),
                in.getFileName().toString());
             Reader reader = DropInspector.utf8Reader(raw);
             OutputStream file = Files.newOutputStream(out);
             OutputStream body = gzip ? new GZIPOutputStream(file) : file;
             Writer writer = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            CsvRecordReader records = new CsvRecordReader(reader);
            List<String> header = DropInspector.normaliseHeader(records.next().fields());
            writeRow(writer, fields.stream().map(Field::name).toList());
            while (records.hasNext()) {
                CsvRecord record = records.next();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < record.fields().size() ? record.fields().get(i) : null);
                }
                List<String> values = new ArrayList<>();
                for (Field f : fields) {
                    values.add(f.value().apply(row));
                }
                // a record with more fields than its header keeps the extra ones: it stays malformed
                values.addAll(record.fields().subList(Math.min(header.size(), record.fields().size()),
                        record.fields().size()));
                writeRow(writer, values);
            }
            for (List<String> extra : extraRows) {
                writeRow(writer, extra);
            }
        }
    }

    private static void writeRow(Writer writer, List<String> values) throws IOException {
        List<String> cells = new ArrayList<>();
        for (String v : values) {
            cells.add(quoted(v));
        }
        writer.write(String.join(",", cells));
        writer.write("\n");
    }

    private static String quoted(String v) {
        if (v == null) {
            return "";
        }
        boolean needs = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                || !v.equals(v.trim());
        return needs ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
