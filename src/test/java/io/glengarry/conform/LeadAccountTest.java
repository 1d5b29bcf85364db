package io.glengarry.conform;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

/** Lead-to-account matching, rule by rule, computed by hand (METRICS.md "Account scope"). */
class LeadAccountTest {
    private static final StructType LEADS = new StructType().add("lead_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType).add("company", DataTypes.StringType)
            .add("email", DataTypes.StringType).add("converted_account_id", DataTypes.StringType);
    private static final StructType ACCOUNTS = new StructType().add("account_id", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("domain", DataTypes.StringType);
    private static final List<String> FREE_MAIL = List.of("gmail.com", "yahoo.com");

    private static Dataset<Row> accounts() {
        return TestSpark.get().createDataFrame(List.of(
                RowFactory.create("A1", "Acme Corp.", "https://www.acme.com/;acme.io"),
                RowFactory.create("A2", "Beta Systems GmbH", "beta.de"),
                RowFactory.create("A3", "Gamma Ltd", null),
                RowFactory.create("A4", "Gamma, Inc.", "gamma.com"),
                RowFactory.create("A5", "Delta LLC", "shared.com"),
                RowFactory.create("A6", "Epsilon S.A.", "SHARED.COM; gmail.com")), ACCOUNTS);
    }

    /** Silver leads carry the e-mail's domain only: made here as SilverConform makes it. */
    private static Dataset<Row> leads(Row... rows) {
        return TestSpark.get().createDataFrame(List.of(rows), LEADS)
                .withColumn("email_domain", LeadAccount.emailDomain(col("email"))).drop("email");
    }

    private static List<String> matched(Dataset<Row> leads) {
        return LeadAccount.match(leads, accounts(), FREE_MAIL).orderBy("lead_id")
                .select("lead_id", "account_id", "match_rule", "candidate_accounts").collectAsList().stream()
                .map(Row::toString).toList();
    }

    @Test
    void eachRuleInTurnAndNoGuessWhenTwoAccountsClaimALead() {
        Dataset<Row> leads = leads(
                // converted into A9: conversion wins over its e-mail domain (A1)
                RowFactory.create("L1", "L1", "Acme Corp", "x@acme.com", "A9"),
                // domain of A1's second domain, address in odd case and spaces
                RowFactory.create("L2", "L2", null, " Jane@ACME.IO ", null),
                // free-mail never matches: the company name does (legal form and case ignored)
                RowFactory.create("L3", "L3", "beta systems", "john@gmail.com", null),
                // two accounts are named Gamma: no match
                RowFactory.create("L4", "L4", "GAMMA", "a@yahoo.com", null),
                // two accounts list shared.com: no match, and the name (Acme) is not tried
                RowFactory.create("L5", "L5", "Acme", "z@shared.com", null),
                RowFactory.create("L6", "L6", "Nobody Ltd", "y@unknown.org", null),
                // no e-mail: the name, punctuation ignored
                RowFactory.create("L7", "L7", "ACME, corp", null, null),
                // an address at A6's free-mail "domain" is still free-mail
                RowFactory.create("L8", "L8", null, "q@gmail.com", null));

        assertThat(matched(leads)).containsExactly(
                "[L1,A9,converted,null]",
                "[L2,A1,email_domain,null]",
                "[L3,A2,company_name,null]",
                "[L4,null,ambiguous_company_name,A3;A4]",
                "[L5,null,ambiguous_email_domain,A5;A6]",
                "[L6,null,none,null]",
                "[L7,A1,company_name,null]",
                "[L8,null,none,null]");
    }

    @Test
    void anAmbiguousLeadIsADataQualityRowNamingBothCandidates() {
        Dataset<Row> matches = LeadAccount.match(leads(
                RowFactory.create("L4", "L4", "Gamma", null, null),
                RowFactory.create("L5", "L5", null, "z@shared.com", null),
                RowFactory.create("L6", "L6", "Delta", null, null)), accounts(), FREE_MAIL);

        List<String> findings = LeadAccount.ambiguities(matches, LocalDate.of(2026, 11, 26)).orderBy("record_key")
                .select("check", "entity", "record_key", "detail").collectAsList().stream().map(Row::toString)
                .toList();

        assertThat(findings).containsExactly(
                "[ambiguous_account,leads,L4,the lead's company name is the name of accounts A3;A4: matched to no "
                        + "account (account-scope attribution leaves the lead out)]",
                "[ambiguous_account,leads,L5,the lead's e-mail domain is a domain of accounts A5;A6: matched to no "
                        + "account (account-scope attribution leaves the lead out)]");
    }

    @Test
    void namesDomainsAndAddressesAreNormalisedAsDocumented() {
        Dataset<Row> text = TestSpark.get().range(1).select(
                LeadAccount.companyKey(lit("Gdańsk Capital Sp. z o.o.")).as("a"),
                LeadAccount.companyKey(lit("Smith, Jones & Co")).as("b"),
                LeadAccount.companyKey(lit("Andalucía Systems S.L.")).as("c"),
                LeadAccount.companyKey(lit("Co")).as("d"),
                LeadAccount.webDomain(lit(" WWW.Acme.COM:443/about?x=1")).as("e"),
                LeadAccount.webDomain(lit("http://eu.acme.com")).as("f"),
                LeadAccount.emailDomain(lit("Ann@Acme.com.")).as("g"),
                LeadAccount.emailDomain(lit("two@at@acme.com")).as("h"),
                LeadAccount.emailDomain(lit("")).as("i"));

        assertThat(text.first().toString())
                .isEqualTo("[gdańsk capital,smith jones,andalucía systems,co,acme.com,eu.acme.com,acme.com,null,null]");
    }
}
