package io.glengarry.ingest;

import com.typesafe.config.ConfigFactory;
import io.glengarry.Drops;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.config.ChannelMap;
import io.glengarry.config.ConfigKey;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.night.DropValidation;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every feature of source mappings, each on a tiny drop read as a run reads it (BronzeIngest.read). */
class SourceMappingTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Path SOURCES = Path.of("conf/sources");
    private final SparkSession spark = TestSpark.get();

    @TempDir
    Path landing;

    private static SourceMapping mapping(String hocon) {
        return SourceMappings.parse("test", "test.conf", ConfigFactory.parseString(hocon));
    }

    private DropIntake read(SourceMapping mapping) {
        return BronzeIngest.read(spark, landing.resolve(DAY.toString()), DAY, mapping, new StageLog());
    }

    private static ExtractIntake intake(DropIntake drop, Extract extract) {
        return drop.extracts().stream().filter(e -> e.extract() == extract).findFirst().orElseThrow();
    }

    /** The given columns plus the quarantine reason of every row, by line. */
    private static List<Row> rows(DropIntake drop, Extract extract, String... columns) {
        String[] all = new String[columns.length + 1];
        System.arraycopy(columns, 0, all, 0, columns.length);
        all[columns.length] = ExtractTyping.REASON;
        return intake(drop, extract).typedRows().orderBy(Extract.SOURCE_LINE).selectExpr(all).collectAsList();
    }

    @Test
    void renamesColumnsMatchingTheHeaderInAnyCaseAndIgnoresExtraColumns() {
        Drops.write(landing, DAY, "Partner__c.csv", csv("ID,Name,Type__c,MARGIN,Extra__c",
                "P1,Acme,var,0.25,x", "P2,Bolt,si,0.1,y"));
        DropIntake drop = read(mapping("extracts.partners { file = Partner__c, columns { partner_id = Id, "
                + "name = Name, partner_type = Type__c, margin_pct = Margin } }"));

        assertThat(rows(drop, Extract.PARTNERS, "partner_id", "name", "partner_type", "margin_pct", "territory"))
                .containsExactly(RowFactory.create("P1", "Acme", "var", new BigDecimal("0.250000"), null, null),
                        RowFactory.create("P2", "Bolt", "si", new BigDecimal("0.100000"), null, null));
        ExtractIntake partners = intake(drop, Extract.PARTNERS);
        assertThat(partners.files().ignoredColumns()).containsExactly("extra__c");
        assertThat(partners.files().names()).containsExactly(DAY + "/Partner__c.csv");
        assertThat(partners.rowsRead()).isEqualTo(2);
    }

    @Test
    void parsesDatesAndTimestampsWithTheSourcesPattern() {
        Drops.write(landing, DAY, "activity.csv", csv("Id,Lead,When",
                "T1,L1,03/04/2026 17:20",          // 2 the pattern
                "T2,L1,2026-03-04T18:00:00Z",      // 3 already in the contract's form: passes as it is
                "T3,L1,13/45/2026 17:20"));        // 4 neither: quarantined with the value as it was
        Drops.write(landing, DAY, "Campaign.csv", csv("Id,Type,Start", "C1,Webinar,04.03.2026", "C2,Webinar,"));
        DropIntake drop = read(mapping("extracts { touches { file = activity, columns { touch_id = Id, "
                + "lead_id = Lead, occurred_at { from = When, pattern = \"MM/dd/yyyy HH:mm\" } } }, "
                + "campaigns { file = Campaign, columns { campaign_id = Id, channel = Type, "
                + "start_date { from = Start, pattern = \"dd.MM.yyyy\" } } } }"));

        assertThat(rows(drop, Extract.TOUCHES, "touch_id", "occurred_at")).containsExactly(
                RowFactory.create("T1", Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")), null),
                RowFactory.create("T2", Timestamp.from(Instant.parse("2026-03-04T18:00:00Z")), null),
                RowFactory.create("T3", null, "bad_timestamp"));
        assertThat(intake(drop, Extract.TOUCHES).typedRows().filter("touch_id = 'T3'")
                .select(ExtractTyping.DETAIL).first().getString(0))
                .isEqualTo("column occurred_at: expected an ISO-8601 timestamp such as 2026-03-04T17:20:00Z, "
                        + "got '13/45/2026 17:20'");
        assertThat(rows(drop, Extract.CAMPAIGNS, "campaign_id", "start_date")).containsExactly(
                RowFactory.create("C1", Date.valueOf("2026-03-04"), null), RowFactory.create("C2", null, null));
    }

    @Test
    void valueMapsTranslatePicklistsAndBooleanSpellingsAndConstantsFillAColumn() {
        Drops.write(landing, DAY, "Account.csv", csv("Id,Modified,Deleted,Kind",
                "A1,2026-11-01T00:00:00Z,Yes,System Integrator",
                "A2,2026-11-01T00:00:00Z,No,Value Added Reseller",
                "A3,2026-11-01T00:00:00Z,  No ,mmr",              // trimmed; unmapped values pass unchanged
                "A4,2026-11-01T00:00:00Z,Maybe,var"));            // not in the map, not a boolean
        DropIntake drop = read(mapping("extracts.accounts { file = Account, columns { account_id = Id, "
                + "last_modified_at = Modified, is_deleted { from = Deleted, values { Yes = true, No = false } }, "
                + "segment { from = Kind, values { \"System Integrator\" = si, \"Value Added Reseller\" = var } }, "
                + "territory { constant = EMEA } } }"));

        assertThat(rows(drop, Extract.ACCOUNTS, "account_id", "is_deleted", "segment", "territory"))
                .containsExactly(RowFactory.create("A1", true, "si", "EMEA", null), RowFactory.create("A2", false, "var", "EMEA", null),
                        RowFactory.create("A3", false, "mmr", "EMEA", null), RowFactory.create("A4", null, "var", "EMEA", "bad_boolean"));
    }

    @Test
    void salesforceConversionRatesAreInvertedIntoRatesToReporting() {
        Drops.write(landing, DAY, "DatedConversionRate.csv", csv("Id,IsoCode,StartDate,NextStartDate,ConversionRate",
                "04w1,EUR,2026-01-01,2026-02-01,0.8",             // 1 / 0.8 = 1.25
                "04w2,GBP,2026-01-01,2026-02-01,1.6",             // 1 / 1.6 = 0.625
                "04w3,JPY,2026-01-01,2026-02-01,158",             // 1 / 158 = 0.006329113924|05.. -> 12 decimals
                "04w4,EUR,2026-02-01,2026-03-01," + SalesforceDrop.inverse("1.090101"),  // back to 1.090101
                "04w5,JPY,2026-02-01,2026-03-01," + SalesforceDrop.inverse("0.00632834"),
                "04w6,GBP,2026-02-01,2026-03-01,0",               // not invertible: quarantined as a rate <= 0
                "04w7,GBP,2026-03-01,,abc"));                     // not a number
        assertThat(SalesforceDrop.inverse("1.090101")).isEqualTo("0.917346190857544");
        DropIntake drop = read(SourceMappings.load(SOURCES, "salesforce"));

        assertThat(rows(drop, Extract.FX_RATES, "currency", "rate_to_reporting")).containsExactly(
                RowFactory.create("EUR", new BigDecimal("1.250000000000"), null),
                RowFactory.create("GBP", new BigDecimal("0.625000000000"), null),
                RowFactory.create("JPY", new BigDecimal("0.006329113924"), null),
                RowFactory.create("EUR", new BigDecimal("1.090101000000"), null),
                RowFactory.create("JPY", new BigDecimal("0.006328340000"), null),
                RowFactory.create("GBP", new BigDecimal("0E-12"), "invalid_value"), // 0 as it was
                RowFactory.create("GBP", null, "bad_decimal"));
    }

    @Test
    void salesforceOrdersAsDataLoaderWritesThemDoublesAndENotation() {
        // every field quoted, datetimes with milliseconds, numbers as the API writes them
        Drops.write(landing, DAY, "Order.csv", csv(
                "\"Id\",\"OpportunityId\",\"ActivatedDate\",\"CurrencyIsoCode\",\"List_Amount__c\","
                        + "\"TotalAmount\",\"Quantity__c\"",
                "\"8011\",\"0061\",\"2026-03-04T17:20:00.000Z\",\"USD\",\"1200.0\",\"1000.5\",\"10.0\"",
                "\"8012\",\"0061\",\"2026-03-04T17:20:00.000Z\",\"USD\",\"1.5E7\",\"1.2345678E7\",\"1\"",
                "\"8013\",\"0061\",\"2026-03-04T17:20:00.000Z\",\"EUR\",\"\",\"12.34\",\"2.5\"",
                "\"8014\",\"0061\",\"2026-03-04T17:20:00.000Z\",\"EUR\",\"\",\"1.2345678912E7\",\"1.0E1\"",
                "\"8015\",\"0061\",\"2026-03-04T17:20:00.000Z\",\"EUR\",\"\",\"n/a\",\"3\""));
        DropIntake drop = read(SourceMappings.load(SOURCES, "salesforce"));
        Timestamp at = Timestamp.from(Instant.parse("2026-03-04T17:20:00Z"));

        assertThat(rows(drop, Extract.ORDERS, "order_id", "booked_at", "list_amount", "net_amount", "quantity"))
                .containsExactly(
                        RowFactory.create("8011", at, new BigDecimal("1200.00"), new BigDecimal("1000.50"), 10L,
                                null),
                        RowFactory.create("8012", at, new BigDecimal("15000000.00"), new BigDecimal("12345678.00"),
                                1L, null),
                        // 2.5 items is not a whole number: not rounded into one
                        RowFactory.create("8013", at, null, new BigDecimal("12.34"), null, "bad_integer"),
                        // 12345678.912 has more decimals than money: not rounded into one either
                        RowFactory.create("8014", at, null, null, 10L, "bad_decimal"),
                        RowFactory.create("8015", at, null, null, 3L, "bad_decimal"));
    }

    @Test
    void apiNumbersOnlyOnNumberColumnsReadFromASourceColumn() {
        assertThatThrownBy(() -> mapping("extracts { orders { file = O, columns { order_id = Id, "
                + "opportunity_id = Opp, booked_at = At, currency = Cur, net_amount = Net, "
                + "quantity { constant = 1, api-number = true } } } }"))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("api-number");
        assertThatThrownBy(() -> mapping("extracts { orders { file = O, columns { order_id { from = Id, "
                + "api-number = true }, opportunity_id = Opp, booked_at = At, currency = Cur, net_amount = Net } } }"))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("a number column");
    }

    @Test
    void salesforcePartnerMarginsArePercentsAndPartnerTypesPicklistValues() {
        Drops.write(landing, DAY, "Partner__c.csv", csv("Id,Name,Partner_Type__c,Margin__c,Territory__c",
                "P1,Acme,VAR,30,EMEA", "P2,Bolt,System Integrator,12.5,APAC", "P3,Cart,Marketplace,150,APAC"));
        DropIntake drop = read(SourceMappings.load(SOURCES, "salesforce"));

        assertThat(rows(drop, Extract.PARTNERS, "partner_id", "partner_type", "margin_pct")).containsExactly(
                RowFactory.create("P1", "var", new BigDecimal("0.300000"), null),
                RowFactory.create("P2", "si", new BigDecimal("0.125000"), null),
                RowFactory.create("P3", "mmr", new BigDecimal("1.500000"), "invalid_value")); // 150%: not 0-1
    }

    @Test
    void onlyRespondedCampaignMembersAreTouchesAtTheirResponseTime() {
        Drops.write(landing, DAY, "CampaignMember.csv", csv(
                "Id,CampaignId,LeadId,Status,HasResponded,CreatedDate,FirstRespondedDate,Touch_Channel__c,IsDeleted",
                "CM1,C1,L1,Responded,true,2026-03-04T17:20:00.000Z,2026-03-04,,false",   // 2 responded when added
                "CM2,C1,L2,Attended,true,2026-03-01T09:00:00.000Z,2026-03-04,,false",    // 3 responded later: midnight
                "CM3,C1,L3,Sent,false,2026-03-01T09:00:00.000Z,,,false",                 // 4 never responded
                "CM4,C1,L4,Clicked,TRUE,2026-03-01T09:00:00.000Z,2026-03-01,Email,x,false", // 5 malformed: kept
                "CM5,C1,L5,Responded,true,2026-03-04T17:20:00.000Z,2026-03-04,,true"));  // 6 deleted: a retraction
        DropIntake drop = read(SourceMappings.load(SOURCES, "salesforce"));

        assertThat(rows(drop, Extract.TOUCHES, "touch_id", "lead_id", "occurred_at", "touch_type", "is_deleted"))
                .containsExactly(
                RowFactory.create("CM1", "L1", Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")), "form_fill",
                        false, null),
                RowFactory.create("CM2", "L2", Timestamp.from(Instant.parse("2026-03-04T00:00:00Z")),
                        "webinar_attended", false, null),
                RowFactory.create("CM4", "L4", Timestamp.from(Instant.parse("2026-03-01T09:00:00Z")), "email_click",
                        null, "malformed_row"),
                RowFactory.create("CM5", "L5", Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")), "form_fill",
                        true, null));
        assertThat(intake(drop, Extract.TOUCHES).rowsRead()).isEqualTo(4);
    }

    @Test
    void salesforceIdsOf15CharactersBecomeTheir18CharacterForm() {
        // 001A0000006Vm9r: chunks 001A0 (A is 4th: bit 3 -> 8 -> I), 00000 (0 -> A), 6Vm9r (V is 2nd: 2 -> C)
        Drops.write(landing, DAY, "Lead.csv", csv("Id,CreatedDate,LastModifiedDate,MasterRecordId",
                "001A0000006Vm9r,2026-01-01T00:00:00.000Z,2026-01-01T00:00:00.000Z,ABCDEABCDEABCDE",
                "001A0000006Vm9rIAC,2026-01-01T00:00:00.000Z,2026-01-01T00:00:00.000Z,L000001"));
        DropIntake drop = read(mapping("extracts.leads { file = Lead, columns { "
                + "lead_id { from = Id, salesforce-id = true }, created_at = CreatedDate, "
                + "last_modified_at = LastModifiedDate, "
                + "merged_into_lead_id { from = MasterRecordId, salesforce-id = true } } }"));

        assertThat(rows(drop, Extract.LEADS, "lead_id", "merged_into_lead_id")).containsExactly(
                RowFactory.create("001A0000006Vm9rIAC", "ABCDEABCDEABCDE555", null),  // all upper: 31 -> 5
                RowFactory.create("001A0000006Vm9rIAC", "L000001", null));            // 18 chars and other ids unchanged
    }

    @Test
    void aColumnTheMappingNamesThatTheFileLacksFailsWithExit3NamingMappingFileAndColumn(@TempDir Path warehouse) {
        Drops.write(landing, DAY, "Partner__c.csv", csv("Id,Name,Partner_Type__c,Territory__c", "P1,Acme,VAR,EMEA"));

        assertThatThrownBy(() -> read(SourceMappings.load(SOURCES, "salesforce")))
                .isInstanceOfSatisfying(GlengarryException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONTRACT_BROKEN);
                    assertThat(e.describe()).contains("GG-310", "salesforce (conf/sources/salesforce.conf)",
                            DAY + "/Partner__c.csv", "'margin__c'", "margin_pct");
                });
        ExitCode exit = Main.execute(new String[] {"run", "--run-date", DAY.toString(), "--landing",
                landing.toString(), "--warehouse", warehouse.toString(), "--source", "salesforce"});
        assertThat(exit).isEqualTo(ExitCode.CONTRACT_BROKEN);
        assertThat(warehouse.resolve("bronze")).doesNotExist();
    }

    @Test
    void brokenMappingsAreConfigurationErrors() {
        Map<String, String> broken = Map.of(
                "extracts.prospects { columns { id = Id } }", "extracts.prospects",
                "extracts.partners { file = P, columns { partner_id = Id, name = N, partner_type = T, "
                        + "margin_pct = M, colour = C } }", "extracts.partners.columns.colour",
                "extracts.partners { file = P, columns { partner_id = Id, name = N, partner_type = T } }",
                "extracts.partners.columns.margin_pct",
                "extracts.partners { file = P, columns { partner_id = Id, name { from = N, constant = x }, "
                        + "partner_type = T, margin_pct = M } }", "extracts.partners.columns.name",
                "extracts.partners { file = P, columns { partner_id = Id, name { from = N, pattern = yyyy }, "
                        + "partner_type = T, margin_pct = M } }", "extracts.partners.columns.name.pattern",
                "extracts.campaigns { file = C, columns { campaign_id = Id, channel = T, "
                        + "start_date { from = S, pattern = \"yyyy-MM-dd'\" } } }",
                "extracts.campaigns.columns.start_date.pattern",
                "extracts.partners { file = P, columns { partner_id = Id, name = N, partner_type = T, "
                        + "margin_pct { expression = \"1 / / M\" } } }", "extracts.partners.columns.margin_pct",
                "extracts.partners { file = P, columns { partner_id { from = Id, rename = x }, name = N, "
                        + "partner_type = T, margin_pct = M } }", "extracts.partners.columns.partner_id.rename",
                "extracts.partners { file = \"P.csv\", columns { partner_id = Id, name = N, partner_type = T, "
                        + "margin_pct = M } }", "extracts.partners.file");
        broken.forEach((hocon, where) -> assertThatThrownBy(() -> mapping(hocon))
                .as(hocon).isInstanceOfSatisfying(GlengarryException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
                    assertThat(e.describe()).contains("GG-205", "test.conf", where);
                }));
        assertThatThrownBy(() -> SourceMappings.load(SOURCES, "hubspot"))
                .isInstanceOfSatisfying(GlengarryException.class, e -> assertThat(e.describe())
                        .contains("GG-206", "hubspot", "salesforce", "marketo"));
    }

    @Test
    void anExpressionSparkCannotResolveIsABrokenMapping() {
        Drops.write(landing, DAY, "P.csv", csv("Id,N,T,M", "P1,Acme,var,0.3"));
        SourceMapping unknownFunction = mapping("extracts.partners { file = P, columns { partner_id = Id, name = N, "
                + "partner_type = T, margin_pct { expression = \"no_such_function(M)\" } } }");

        assertThatThrownBy(() -> read(unknownFunction)).isInstanceOfSatisfying(GlengarryException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
            assertThat(e.describe()).contains("GG-205", "test.conf", "extracts.partners", DAY + "/P.csv",
                    "no_such_function");
        });
    }

    @Test
    void theShippedMappingsLoadAndAnExpressionsColumnsAreTheOnesItReads() {
        SourceMapping canonical = SourceMappings.load(SOURCES, "canonical");
        for (Extract e : Extract.values()) {
            assertThat(canonical.of(e).identity()).isTrue();
            assertThat(canonical.extractOf(e.fileName() + "-0001.csv.gz")).isEqualTo(e);
        }
        SourceMapping salesforce = SourceMappings.load(SOURCES, "salesforce");
        assertThat(salesforce.extractOf("Opportunity.csv")).isEqualTo(Extract.OPPORTUNITIES);
        assertThat(salesforce.extractOf("OpportunityHistory.csv")).isEqualTo(Extract.OPPORTUNITY_HISTORY);
        assertThat(salesforce.extractOf("CampaignMember-0002.csv.gz")).isEqualTo(Extract.TOUCHES);
        assertThat(salesforce.extractOf("spend.csv")).isEqualTo(Extract.SPEND);
        assertThat(salesforce.extractOf("opportunities.csv")).isNull();
        assertThat(salesforce.of(Extract.FX_RATES).source("rate_to_reporting").sourceColumns())
                .containsExactly("conversionrate");
        assertThat(salesforce.of(Extract.TOUCHES).sourceColumns()).containsExactly("id", "leadid", "createddate",
                "firstrespondeddate", "campaignid", "touch_channel__c", "status", "isdeleted", "hasresponded");

        SourceMapping combined = SourceMappings.load(SOURCES, "salesforce-marketo");
        assertThat(combined.extractOf("activities.csv")).isEqualTo(Extract.TOUCHES);
        assertThat(combined.extractOf("CampaignMember.csv")).isNull();
        assertThat(combined.extractOf("Opportunity.csv")).isEqualTo(Extract.OPPORTUNITIES);
    }

    @Test
    void marketoActivitiesAreTouchesOfTheirActivityType() {
        Drops.write(landing, DAY, "activities.csv", csv(
                "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,"
                        + "primaryAttributeValue,attributes",
                "a-1,L1,2026-03-04T17:20:00Z,2,C7,12,Demo request,\"{\"\"Form\"\": \"\"Demo\"\"}\"",
                "a-2,L1,2026-03-04T17:25:00Z,12,,,,",        // New Lead: not a touch
                "a-3,L2,2026-03-05T08:00:00Z,1,,3,/pricing,"));
        DropIntake drop = read(SourceMappings.load(SOURCES, "salesforce-marketo"));

        assertThat(rows(drop, Extract.TOUCHES, "touch_id", "lead_id", "occurred_at", "campaign_id", "touch_type"))
                .containsExactly(
                        RowFactory.create("a-1", "L1", Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")), "C7", "form_fill",
                                null),
                        RowFactory.create("a-3", "L2", Timestamp.from(Instant.parse("2026-03-05T08:00:00Z")), null, "web_visit",
                                null));
    }

    @Test
    void validateShowsWhatTheSalesforceMappingDoesColumnByColumn() {
        Drops.write(landing, DAY, "Partner__c.csv", csv("Id,Name,Partner_Type__c,Margin__c,Territory__c,OwnerId",
                "P1,Acme,VAR,30,EMEA,005"));
        Map<ConfigKey, Object> overrides = Map.of(ConfigKeys.SOURCE, "salesforce", ConfigKeys.LANDING,
                landing.toString());
        Settings settings = Settings.of(overrides, new ChannelMap(Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DropValidation.validate(spark, settings, DAY, new StageLog(), new PrintStream(out, true,
                StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Source mapping salesforce (", "partners <- " + DAY + "/Partner__c.csv",
                "partner_id                 <- Id (15-char ids -> 18)",
                "partner_type               <- Partner_Type__c (value map: 4 values)",
                "margin_pct                 = expression coalesce(",
                "ignored file columns: [ownerid]", "The drop passes the contract");
    }
}
