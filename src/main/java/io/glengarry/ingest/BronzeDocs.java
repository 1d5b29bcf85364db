package io.glengarry.ingest;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/**
 * The bronze tables: each extract exactly as delivered (typed, every accepted row of every drop, partitioned by
 * run_date), the quarantine and the drop register. Column meanings follow shared/spec/EXTRACTS.md.
 */
public final class BronzeDocs {
    private static final String EXTRACT = "EXTRACTS.md; every accepted row of every drop, typed (ExtractTyping); "
            + "a rejected row is in _quarantine instead";

    private BronzeDocs() {
    }

    public static List<TableDoc> tables() {
        return List.of(
                TableDoc.bronze("leads", "Marketing-automation / CRM leads (the suspects) as delivered: one row per "
                                + "lead per drop it appears in.", "EXTRACTS.md leads.csv; " + EXTRACT)
                        .column("status", "Lead status in the source system, as delivered (free text)")
                        .build(),
                TableDoc.bronze("touches", "Campaign responses and marketing activities as delivered: one row per "
                                + "touch per drop.", "EXTRACTS.md touches.csv; " + EXTRACT)
                        .column("channel", "Raw channel text of the touch as delivered; silver maps it (else the "
                                + "campaign's channel)", "METRICS.md Shared rules: Channels")
                        .build(),
                TableDoc.bronze("campaigns", "Marketing campaigns as delivered.", "EXTRACTS.md campaigns.csv; "
                                + EXTRACT)
                        .column("name", "Campaign name")
                        .column("channel", "Raw channel text of the campaign as delivered", "METRICS.md Shared "
                                + "rules: Channels")
                        .column("start_date", "First day of the campaign")
                        .column("end_date", "Last day of the campaign")
                        .column("budget", "Planned budget in the campaign's currency")
                        .build(),
                TableDoc.bronze("accounts", "Customer accounts as delivered.", "EXTRACTS.md accounts.csv; " + EXTRACT)
                        .column("name", "Account (company) name")
                        .column("industry", "Industry of the account")
                        .column("segment", "Customer segment (e.g. SMB, mid-market, enterprise)")
                        .build(),
                TableDoc.bronze("opportunities", "CRM opportunities as delivered: one row per opportunity per drop "
                        + "it appears in.", "EXTRACTS.md opportunities.csv; " + EXTRACT).build(),
                TableDoc.bronze("opportunity_history", "Field history of opportunities as delivered: one row per "
                                + "change.", "EXTRACTS.md opportunity_history.csv; " + EXTRACT)
                        .column("changed_at", "When the change was made")
                        .column("stage", "Stage after the change")
                        .column("amount", "Amount after the change, in the opportunity's currency")
                        .column("close_date", "Expected (or actual) close date after the change")
                        .column("forecast_category", "Forecast category after the change: pipeline, best_case, "
                                + "commit, closed or omitted")
                        .build(),
                TableDoc.bronze("orders", "Booked orders (the closed orders finance books) as delivered.",
                                "EXTRACTS.md orders.csv; " + EXTRACT)
                        .column("currency", "ISO-4217 currency of the order's amounts")
                        .build(),
                TableDoc.bronze("partners", "Channel partners as delivered.", "EXTRACTS.md partners.csv; " + EXTRACT)
                        .column("name", "Partner name")
                        .build(),
                TableDoc.bronze("spend", "Finance ledger lines of marketing spend as delivered.",
                                "EXTRACTS.md spend.csv; " + EXTRACT)
                        .column("amount", "Amount of the ledger line in its currency; negative = credit or reversal")
                        .column("currency", "ISO-4217 currency of the amount")
                        .column("channel", "Raw channel text of the line as delivered (else its campaign's channel)",
                                "METRICS.md spend_reconciliation")
                        .build(),
                TableDoc.bronze("fx_rates", "Exchange rates as delivered.", "EXTRACTS.md fx_rates.csv; " + EXTRACT)
                        .column("currency", "ISO-4217 code of the currency the rate converts from")
                        .build(),
                TableDoc.bronze("_quarantine", "Every rejected row of every drop, with where it came from and why: "
                                + "rows read = rows accepted + rows quarantined, always.",
                                "EXTRACTS.md Bad input; docs/rules.md Reading drops")
                        .column("extract", "The extract the row belongs to (leads, touches, ...)")
                        .column("raw_line", "The row's raw text as it stood in the file")
                        .column("reason", "Reason code of the first rule the row breaks: malformed_row, missing_required, "
                                + "bad_timestamp, bad_date, bad_decimal, bad_integer, bad_boolean, unknown_currency, "
                                + "negative_quantity or invalid_value", "docs/rules.md Reading drops")
                        .column("detail", "The offending column, value and expectation, in words")
                        .build(),
                TableDoc.bronze("_drops", "The register of ingested drops: one row per (run date, extract), with "
                                + "its files and counts; silver orders drops by it and a run catches up on drops "
                                + "missing from it.", "INTERFACE.md manifest extracts.*")
                        .column("extract", "The extract (leads, touches, ...)")
                        .column("full_snapshot", "true when the drop was run with --full-snapshot (it replaced the "
                                + "current state)", "EXTRACTS.md: full snapshot")
                        .column("files", "The extract's files in the drop (names)")
                        .column("bytes", "Total size of those files in bytes")
                        .column("sha256", "SHA-256 over the bytes of those files, read one after the other")
                        .column("rows_read", "Data rows read from the files", "rows_read = rows_accepted + "
                                + "rows_quarantined")
                        .column("rows_accepted", "Rows written to the extract's bronze table")
                        .column("rows_quarantined", "Rows written to bronze._quarantine")
                        .build());
    }
}
