package io.glengarry.report.attribution;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory silver rows (explicit schemas) for the attribution tests. */
final class AttributionFixtures {
    static final StructType WON = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType).add("close_date", DataTypes.DateType)
            .add("revenue", DataTypes.createDecimalType(20, 2)).add("primary_lead_id", DataTypes.StringType)
            .add("sales_channel", DataTypes.StringType).add("partner_id", DataTypes.StringType)
            .add("closed_quarter_index", DataTypes.IntegerType).add("closed_quarter", DataTypes.StringType)
            .add("account_id", DataTypes.StringType);
    static final StructType LEAD_ACCOUNT = new StructType().add("lead_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType).add("account_id", DataTypes.StringType);
    static final StructType LEADS = new StructType().add("lead_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType).add("converted_opportunity_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType);
    static final StructType TOUCHES = new StructType().add("touch_id", DataTypes.StringType)
            .add("lead_id", DataTypes.StringType).add("occurred_at", DataTypes.TimestampType)
            .add("channel", DataTypes.StringType).add("campaign_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType);
    static final StructType EFFECTS = new StructType().add("channel", DataTypes.StringType)
            .add("removal_effect", DataTypes.DoubleType);

    final List<Row> won = new ArrayList<>();
    final List<Row> leads = new ArrayList<>();
    final List<Row> touches = new ArrayList<>();
    final List<Row> leadAccounts = new ArrayList<>();
    private final SparkSession spark = TestSpark.get();

    static Timestamp at(String isoInstant) {
        return Timestamp.from(Instant.parse(isoInstant.length() == 10 ? isoInstant + "T12:00:00Z" : isoInstant));
    }

    /** A won deal closed in FY2026-Q1 (index 8104) unless the close date says otherwise. */
    AttributionFixtures deal(String id, String createdAt, String closeDate, String revenue, String primaryLead) {
        return deal(id, createdAt, closeDate, revenue, primaryLead, "direct", null);
    }

    AttributionFixtures deal(String id, String createdAt, String closeDate, String revenue, String primaryLead,
                             String salesChannel, String partner) {
        return accountDeal(null, id, createdAt, closeDate, revenue, primaryLead, salesChannel, partner);
    }

    /** A won deal of an account (direct). */
    AttributionFixtures accountDeal(String account, String id, String createdAt, String closeDate, String revenue,
                                    String primaryLead) {
        return accountDeal(account, id, createdAt, closeDate, revenue, primaryLead, "direct", null);
    }

    private AttributionFixtures accountDeal(String account, String id, String createdAt, String closeDate,
                                            String revenue, String primaryLead, String salesChannel, String partner) {
        Date close = Date.valueOf(closeDate);
        int year = close.toLocalDate().getYear();
        int quarter = (close.toLocalDate().getMonthValue() - 1) / 3;
        won.add(RowFactory.create(id, at(createdAt), close, revenue == null ? null : new BigDecimal(revenue),
                primaryLead, salesChannel, partner, year * 4 + quarter, "FY" + year + "-Q" + (quarter + 1), account));
        return this;
    }

    AttributionFixtures lead(String id, String createdAt, String convertedInto) {
        leads.add(RowFactory.create(id, at(createdAt), convertedInto, id));
        return this;
    }

    AttributionFixtures touch(String id, String lead, String occurredAt, String channel, String campaign) {
        touches.add(RowFactory.create(id, lead, at(occurredAt), channel, campaign, lead));
        return this;
    }

    /** The lead's row of lead_account (account null: matched to none). */
    AttributionFixtures matched(String lead, String account) {
        leadAccounts.add(RowFactory.create(lead, lead, account));
        return this;
    }

    Dataset<Row> leadAccountRows() {
        return spark.createDataFrame(leadAccounts, LEAD_ACCOUNT);
    }

    Dataset<Row> accountTouchpoints(int lookbackDays) {
        return Touchpoints.ofAccounts(wonRows(), leadRows(), leadAccountRows(), touchRows(), lookbackDays);
    }

    Dataset<Row> wonRows() {
        return spark.createDataFrame(won, WON);
    }

    Dataset<Row> leadRows() {
        return spark.createDataFrame(leads, LEADS);
    }

    Dataset<Row> touchRows() {
        return spark.createDataFrame(touches, TOUCHES);
    }

    Dataset<Row> touchpoints(int lookbackDays) {
        return Touchpoints.of(wonRows(), leadRows(), touchRows(), lookbackDays);
    }

    Dataset<Row> effects(List<Row> rows) {
        return spark.createDataFrame(rows, EFFECTS);
    }
}
