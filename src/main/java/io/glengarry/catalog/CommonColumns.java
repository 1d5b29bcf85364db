package io.glengarry.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Columns that mean the same in every table that has them (keys, bookkeeping, shared dimensions). A table's own
 * {@link TableDoc} column wins over these.
 */
public final class CommonColumns {
    private static final Map<String, ColumnDoc> ALL = new LinkedHashMap<>();

    private CommonColumns() {
    }

    private static void add(String name, String meaning, String rule) {
        ALL.put(name, new ColumnDoc(name, meaning, rule));
    }

    public static Optional<ColumnDoc> find(String column) {
        return Optional.ofNullable(ALL.get(column));
    }

    static {
        String ex = "EXTRACTS.md";
        // bookkeeping
        add("run_date", "Business date of the drop the row came in; in silver, of the drop that delivered the "
                + "version that won (with source_file and source_line: where explain cites it)",
                "INTERFACE.md: --run-date");
        add("source_file", "Drop file the row was read from, relative to the landing folder (for example "
                + "2026-11-24/leads.csv)", ex + " Bad input");
        add("source_line", "Line of the file where the row starts, as an editor counts lines (header = 1)",
                "docs/rules.md Reading drops");
        add("as_of", "Run date that produced this row: each run replaces its own as_of partition, so every "
                + "report can be read as reported on any night", "METRICS.md: gold partitioned by as_of");
        // keys and attributes of the extracts
        add("lead_id", "Lead id in the CRM", ex + " leads.csv");
        add("touch_id", "Touch (campaign response, activity) id", ex + " touches.csv");
        add("campaign_id", "Campaign id", ex + " campaigns.csv");
        add("account_id", "Account id in the CRM", ex + " accounts.csv");
        add("opportunity_id", "Opportunity id in the CRM", ex + " opportunities.csv");
        add("order_id", "Order id in the order system", ex + " orders.csv");
        add("partner_id", "Channel partner id (null for direct deals)", ex + " partners.csv");
        add("entry_id", "Ledger entry id", ex + " spend.csv");
        add("created_at", "When the record was created in the source system", ex);
        add("last_modified_at", "When the record was last modified in the source system; the latest wins",
                ex + " incremental drops");
        add("is_deleted", "true: deleted in the source; removed from reports from that run on (kept in bronze), "
                + "except a deleted lead merged into another, which counts for its survivor's person",
                ex + " incremental drops");
        add("email", "Email address as delivered (bronze only; silver keeps a keyed pseudonym)", ex + " leads.csv");
        add("company", "Company named on the lead", ex + " leads.csv");
        add("country", "Country", ex);
        add("territory", "Sales territory", ex);
        add("lead_source", "Raw lead-source text as delivered; mapped to a channel through conf/channels.conf",
                "METRICS.md Shared rules: Channels");
        add("mql_at", "First time the lead was marketing-qualified (reached prospect)", "METRICS.md Lead stages");
        add("converted_at", "When the lead was converted to an opportunity", ex + " leads.csv");
        add("converted_opportunity_id", "Opportunity the lead was converted into", ex + " leads.csv");
        add("domain", "The account's web domains or websites as delivered, several separated by ; (lead_account "
                + "matches leads by their e-mail domain to them)", ex + " accounts.csv; METRICS.md Account scope");
        add("converted_account_id", "Account the lead was converted into", ex + " leads.csv");
        add("merged_into_lead_id", "Lead this one was merged into: folded into the survivor",
                "METRICS.md Lead identity");
        add("occurred_at", "When the touch happened", ex + " touches.csv");
        add("touch_type", "Kind of touch: form_fill, webinar_attended, tradeshow_scan, survey_response, email_click, "
                + "ad_click, web_visit, ...", ex + " touches.csv");
        add("close_date", "Expected close date of an open opportunity, actual close date of a closed one",
                ex + " opportunities.csv");
        add("stage", "Sales stage (Prospecting ... Closed Won / Closed Lost)", ex + " opportunities.csv");
        add("amount", "Opportunity amount in its own currency", ex + " opportunities.csv");
        add("currency", "ISO-4217 currency of the record's amounts", ex);
        add("is_closed", "true once the opportunity is closed (won or lost)", ex + " opportunities.csv");
        add("is_won", "true when the opportunity is closed won", ex + " opportunities.csv");
        add("forecast_category", "Sales forecast category: pipeline, best_case, commit, closed or omitted",
                ex + " opportunities.csv");
        add("owner_id", "Sales owner (user id) of the opportunity", ex + " opportunities.csv");
        add("sales_channel", "Route to market: direct, var (value-added reseller), si (system integrator) or mmr "
                + "(manufacturer's marketing representative)", ex + " opportunities.csv");
        add("primary_campaign_id", "Campaign the CRM credits as the opportunity's primary source",
                ex + " opportunities.csv");
        add("booked_at", "When the order was booked", ex + " orders.csv");
        add("list_amount", "Extended list price (MSLP: manufacturer's suggested list price) in the order's currency",
                ex + " orders.csv");
        add("net_amount", "Net amount booked in the order's currency", ex + " orders.csv");
        add("quantity", "Units ordered", ex + " orders.csv");
        add("partner_type", "Kind of partner: var, si or mmr", ex + " partners.csv");
        add("margin_pct", "Partner's margin off MSLP, 0-1", ex + " partners.csv");
        add("posted_date", "Date the ledger line was posted", ex + " spend.csv");
        add("gl_account", "General-ledger account of the line", ex + " spend.csv");
        add("cost_center", "Cost center of the line", ex + " spend.csv");
        add("vendor", "Vendor paid", ex + " spend.csv");
        add("description", "Ledger line description", ex + " spend.csv");
        add("rate_date", "Date the rate applies from", ex + " fx_rates.csv");
        add("rate_to_reporting", "1 unit of currency = this many units of the reporting currency; a transaction "
                + "uses the latest rate on or before its date", ex + " fx_rates.csv");
    }
}
