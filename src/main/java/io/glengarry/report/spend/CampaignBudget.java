package io.glengarry.report.spend;

import io.glengarry.conform.FxConversion;
import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code campaign_budget} (pure): budget vs actual for every campaign that carries a budget. The budget
 * (campaigns.budget in campaigns.currency; no currency: the reporting currency) converts at the rate of the
 * campaign's start_date (no start_date: the run date); actual = Σ amount_reporting of the ledger lines naming the
 * campaign (whatever channel they are reported under). variance = actual − budget; budget_used = actual / budget
 * (null when the budget is 0 or not convertible).
 */
public final class CampaignBudget {
    private CampaignBudget() {
    }

    /**
     * @param campaigns silver campaigns (campaign_id, name, channel, start_date, end_date, budget, currency)
     * @param ledger    {@link SpendLedger#lines}
     * @param fxRates   silver fx_rates
     */
    public static Dataset<Row> compute(Dataset<Row> campaigns, Dataset<Row> ledger, Dataset<Row> fxRates,
                                       String reportingCurrency, LocalDate asOf) {
        Dataset<Row> budgeted = campaigns.filter(col("budget").isNotNull())
                .withColumn("budget_currency", coalesce(col("currency"), lit(reportingCurrency)));
        Dataset<Row> converted = FxConversion.convert(budgeted, "budget", "budget_currency",
                coalesce(col("start_date"), lit(java.sql.Date.valueOf(asOf))), "budget_reporting", fxRates,
                reportingCurrency, "campaign_id");
        Dataset<Row> actual = ledger.filter(col("campaign_id").isNotNull())
                .groupBy(col("campaign_id").as("a_campaign_id"))
                .agg(sum("amount_reporting").as("actual_spend"), count(lit(1)).as("spend_lines"),
                        sum(when(col("amount_reporting").isNull(), lit(1)).otherwise(lit(0)))
                                .as("lines_without_rate"));
        Column actualSpend = coalesce(col("actual_spend"), lit(0)).cast(Rates.MONEY_TYPE);
        Column budget = col("budget_reporting");
        return converted.join(actual, converted.col("campaign_id").equalTo(col("a_campaign_id")), "left")
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), col("campaign_id"), col("name"),
                        col("channel"), col("start_date"), col("end_date"), col("budget_currency").as("currency"),
                        col("budget").cast(Rates.MONEY_TYPE).as("budget"),
                        budget.cast(Rates.MONEY_TYPE).as("budget_reporting"),
                        actualSpend.as("actual_spend"),
                        actualSpend.minus(budget).cast(Rates.MONEY_TYPE).as("variance"),
                        when(budget.notEqual(0), round(actualSpend.divide(budget), 6)).cast(SpendReconciliation.RATIO_TYPE)
                                .as("budget_used"),
                        coalesce(col("spend_lines"), lit(0L)).as("spend_lines"),
                        coalesce(col("lines_without_rate"), lit(0L)).as("lines_without_rate"));
    }

    public static String[] sortKeys() {
        return new String[] {"campaign_id"};
    }
}
