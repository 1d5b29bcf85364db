package io.glengarry.conform;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/**
 * The silver tables: the conformed current state as of the last run's date (rebuilt each night: latest version of
 * each record, deletes removed, channels mapped, amounts converted) and what is derived from it.
 */
public final class SilverDocs {
    private static final String STATE = "EXTRACTS.md incremental drops; docs/rules.md Current state (silver)";
    private static final String FX = "METRICS.md Shared rules: Reporting currency; docs/rules.md Money";
    private static final String CHANNELS = "METRICS.md Shared rules: Channels";
    private static final String ACCOUNT_SCOPE = "METRICS.md Account scope; docs/rules.md Account scope";
    private static final String STAGES = "METRICS.md Lead stages; docs/rules.md Lead identity and stages";

    private SilverDocs() {
    }

    private static TableDoc.Builder converted(TableDoc.Builder table, String amount, String date) {
        return table.column("fx_rate", "Rate used to convert " + amount + ": the latest rate_to_reporting on or before "
                        + date + " (null: none)", FX)
                .column("fx_rate_missing", "true when no rate was found: the converted amount is null and "
                        + "data_quality lists the record (missing_fx_rate)", FX);
    }

    public static List<TableDoc> tables() {
        return List.of(
                TableDoc.silver("leads", "Current leads, one row per lead (merged and same-email leads keep their "
                                + "rows and share a person_id); the email is replaced by a keyed pseudonym.",
                                STATE + "; METRICS.md Lead identity")
                        .column("status", "Lead status in the source system (free text)")
                        .column("person_id", "The person the lead belongs to: the survivor's lead_id (earliest "
                                + "created of the leads connected by email or merged_into_lead_id)",
                                "METRICS.md Lead identity")
                        .column("person_created_at", "created_at of the survivor: dates the person's cohort",
                                "METRICS.md Lead identity")
                        .column("channel", "Canonical channel of lead_source (unmapped when unknown or empty)",
                                CHANNELS)
                        .column("email_hash", "HMAC-SHA256 of lower(trim(email)) keyed by GLENGARRY_EMAIL_HASH_KEY "
                                + "(the email itself stays in bronze)", "docs/rules.md; README Emails")
                        .column("email_domain", "The part of the email after the @, lower case (null: no single "
                                + "address); what lead_account matches to an account's domain", ACCOUNT_SCOPE)
                        .build(),
                TableDoc.silver("touches", "Current touches with the canonical channel and the person.", STATE)
                        .column("raw_channel", "Raw channel text: the touch's own, else its campaign's", CHANNELS)
                        .column("channel", "Canonical channel of raw_channel (unmapped when unknown)", CHANNELS)
                        .column("person_id", "The person of the touch's lead", "METRICS.md Lead identity")
                        .build(),
                TableDoc.silver("campaigns", "Current campaigns with the canonical channel.", STATE)
                        .column("name", "Campaign name")
                        .column("start_date", "First day of the campaign")
                        .column("end_date", "Last day of the campaign")
                        .column("budget", "Planned budget in the campaign's currency")
                        .column("channel", "Canonical channel of the campaign's raw channel", CHANNELS)
                        .build(),
                TableDoc.silver("accounts", "Current accounts.", STATE)
                        .column("name", "Account (company) name")
                        .column("industry", "Industry of the account")
                        .column("segment", "Customer segment")
                        .build(),
                converted(TableDoc.silver("opportunities", "Current opportunities with the amount in reporting "
                                + "currency and the fiscal quarter of the close date.", STATE), "amount", "close_date")
                        .column("amount_reporting", "amount in reporting currency at the close_date's rate, half-up to "
                                + "2 decimals (null: no rate)", FX)
                        .column("channel", "Canonical channel of lead_source", CHANNELS)
                        .column("closed_quarter", "Fiscal quarter of close_date", "METRICS.md Fiscal calendar")
                        .column("closed_quarter_index", "4 x fiscal year + quarter - 1 of close_date",
                                "METRICS.md Fiscal calendar")
                        .build(),
                TableDoc.silver("opportunity_history", "The field history of opportunities, one row per change "
                                + "(history is append-only: every delivered change is kept).", STATE)
                        .column("changed_at", "When the change was made")
                        .column("stage", "Stage after the change")
                        .column("amount", "Amount after the change, in the opportunity's currency")
                        .column("close_date", "Close date after the change")
                        .column("forecast_category", "Forecast category after the change")
                        .build(),
                converted(TableDoc.silver("orders", "Current orders with amounts in reporting currency.", STATE),
                        "the amounts", "booked_at")
                        .column("currency", "ISO-4217 currency of the order's amounts")
                        .column("net_reporting", "net_amount in reporting currency at booked_at's rate, half-up to 2 "
                                + "decimals (null: no rate)", FX)
                        .column("list_reporting", "list_amount in reporting currency at the same rate", FX)
                        .build(),
                TableDoc.silver("partners", "Current channel partners.", STATE)
                        .column("name", "Partner name")
                        .build(),
                converted(TableDoc.silver("spend", "Current ledger lines of marketing spend with the amount in "
                                + "reporting currency.", STATE), "amount", "posted_date")
                        .column("amount", "Amount of the line in its currency; negative = credit or reversal")
                        .column("currency", "ISO-4217 currency of the amount")
                        .column("channel", "Raw channel text of the line as delivered", "METRICS.md "
                                + "spend_reconciliation")
                        .column("amount_reporting", "amount in reporting currency at posted_date's rate (null: no "
                                + "rate)", FX)
                        .build(),
                TableDoc.silver("fx_rates", "Current exchange rates.", STATE)
                        .column("currency", "ISO-4217 code of the currency the rate converts from")
                        .build(),
                TableDoc.silver("won_opportunities", "Won opportunities with their revenue, each counted once, "
                                + "for its primary lead.", "METRICS.md Revenue of a won opportunity; docs/rules.md "
                                + "Money")
                        .column("revenue", "Sum of the orders' net_reporting; without orders the opportunity's "
                                + "amount_reporting; null when a rate is missing (never a partial sum)",
                                "METRICS.md Revenue of a won opportunity")
                        .column("revenue_source", "orders, or opportunity when it has no orders",
                                "METRICS.md Revenue of a won opportunity")
                        .column("revenue_fx_missing", "true when revenue is null for a missing rate", FX)
                        .column("primary_lead_id", "Earliest-created lead converted into it (null: sales-sourced)",
                                "METRICS.md Revenue of a won opportunity")
                        .column("person_id", "The primary lead's person", "METRICS.md Lead identity")
                        .column("closed_quarter", "Fiscal quarter of close_date", "METRICS.md Fiscal calendar")
                        .column("closed_quarter_index", "4 x fiscal year + quarter - 1 of close_date",
                                "METRICS.md Fiscal calendar")
                        .build(),
                TableDoc.silver("lead_account", "One row per lead (merged-away leads included) with the account "
                                + "it is matched to and the rule that matched it: the input of account-scope "
                                + "attribution.", ACCOUNT_SCOPE)
                        .column("person_id", "The lead's person", "METRICS.md Lead identity")
                        .column("account_id", "The matched account (null: none, or two candidates)", ACCOUNT_SCOPE)
                        .column("match_rule", "converted (converted_account_id), email_domain (the e-mail's domain "
                                + "is a domain of the account; free-mail domains never match), company_name (the "
                                + "normalised company equals the account's normalised name), ambiguous_email_domain "
                                + "or ambiguous_company_name (two or more accounts at that rule: no match), none",
                                ACCOUNT_SCOPE)
                        .column("candidate_accounts", "The accounts of an ambiguous rule, separated by ; (else null)",
                                ACCOUNT_SCOPE)
                        .build(),
                TableDoc.silver("lead_journey", "One row per person with the time each lead stage was reached "
                                + "(null: not yet, as of the run date): the input of the cohort and funnel reports.",
                                STAGES)
                        .column("person_id", "The person (the survivor's lead_id)", "METRICS.md Lead identity")
                        .column("channel", "Canonical channel of the survivor's lead_source", CHANNELS)
                        .column("created_at", "The survivor's created_at: the person became a lead (suspect)", STAGES)
                        .column("cohort_quarter_index", "4 x fiscal year + quarter - 1 of created_at",
                                "METRICS.md Fiscal calendar")
                        .column("prospect_at", "Reached prospect: earliest mql_at, or the conversion when that is "
                                + "earlier", STAGES)
                        .column("prospect_skipped", "Converted with no mql_at at or before the conversion (a "
                                + "skipped stage, counted)", STAGES)
                        .column("opportunity_at", "Reached opportunity: earliest created_at of an opportunity the "
                                + "person's leads were converted into", STAGES)
                        .column("won_date", "close_date of the person's first won deal (as primary lead)", STAGES)
                        .column("revenue", "Revenue of the person's won deals (as primary lead) whose revenue is "
                                + "known", "METRICS.md Revenue of a won opportunity")
                        .column("won_revenue_unknown", "How many of the person's won deals (closed by the run "
                                + "date) have no known revenue (no FX rate): not in revenue", FX)
                        .build(),
                TableDoc.silver("data_quality", "What could not be mapped or converted as of the run date: one row "
                                + "per finding.", "METRICS.md Channels, Reporting currency (missing rate is a "
                                + "data-quality failure); docs/rules.md")
                        .column("as_of", "Run date of the findings")
                        .column("check", "unmapped_channel, missing_fx_rate, unknown_opportunity, "
                                + "merge_target_missing, merge_cycle or ambiguous_account")
                        .column("entity", "The silver table the record is in (leads, touches, campaigns, ...)")
                        .column("record_key", "The record's key, or the raw channel text for unmapped_channel")
                        .column("detail", "What is wrong, in words (currency and date for a missing rate)")
                        .build());
    }
}
