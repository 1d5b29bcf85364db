package io.glengarry.conform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Lead-to-account matching (METRICS.md "Account scope"), pure. Each lead gets at most one account, by the first rule
 * that names one: the account it was converted into ({@code converted_account_id}); else the account one of whose
 * {@code domain} values equals the lead's e-mail domain (free-mail domains never match); else the account whose
 * normalised name equals the lead's normalised company. Two candidate accounts at a rule: no match (the later rules
 * are not tried, a guess is worse than none) and a data-quality row naming the candidates. Only the e-mail's domain
 * is used; the address never leaves bronze.
 *
 * <p>Output {@code lead_account}, one row per lead: lead_id, person_id, account_id (null: none), match_rule
 * ({@code converted}, {@code email_domain}, {@code company_name}, {@code ambiguous_email_domain},
 * {@code ambiguous_company_name} or {@code none}), candidate_accounts (the ambiguous rule's accounts, {@code ;}
 * between them).
 */
public final class LeadAccount {
    public static final String CONVERTED = "converted";
    public static final String EMAIL_DOMAIN = "email_domain";
    public static final String COMPANY_NAME = "company_name";
    public static final String AMBIGUOUS_EMAIL_DOMAIN = "ambiguous_email_domain";
    public static final String AMBIGUOUS_COMPANY_NAME = "ambiguous_company_name";
    public static final String NONE = "none";
    /** Data-quality check of a lead that two accounts claim at the same rule. */
    public static final String AMBIGUOUS_ACCOUNT = "ambiguous_account";

    /** Legal-form words dropped from the end of a company name (after punctuation became spaces). */
    private static final String LEGAL_SUFFIXES = String.join("|", List.of(
            "sp z o o", "s p a", "s r l", "s r o", "s a s", "z o o", "s l", "s a", "k k", "a s", "b v", "n v",
            "incorporated", "corporation", "company", "limited",
            "inc", "corp", "co", "ltd", "llc", "llp", "lp", "plc", "pvt", "pte", "pty", "gmbh", "mbh", "ag", "kgaa",
            "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oyj", "oy", "ab", "asa", "as", "aps", "kk",
            "ltda", "lda", "sl", "sro"));

    private LeadAccount() {
    }

    /**
     * @param leads    silver leads: lead_id, person_id, company, email_domain, converted_account_id
     * @param accounts silver accounts: account_id, name, domain
     * @param freeMail e-mail domains that never match (lower case)
     */
    public static Dataset<Row> match(Dataset<Row> leads, Dataset<Row> accounts, List<String> freeMail) {
        Column free = lit(freeMail.toArray(String[]::new));
        Dataset<Row> domains = accounts
                .select(col("account_id"), explode(split(col("domain"), ";")).as("raw_domain"))
                .select(col("account_id"), webDomain(col("raw_domain")).as("m_domain"))
                .filter(col("m_domain").isNotNull().and(col("m_domain").notEqual(""))
                        .and(org.apache.spark.sql.functions.array_contains(free, col("m_domain")).unary_$bang()))
                .groupBy("m_domain")
                .agg(countDistinct("account_id").as("domain_accounts"), min("account_id").as("domain_account"),
                        array_join(array_sort(collect_set("account_id")), ";").as("domain_candidates"));
        Dataset<Row> names = accounts
                .select(col("account_id"), companyKey(col("name")).as("m_name"))
                .filter(col("m_name").isNotNull().and(col("m_name").notEqual("")))
                .groupBy("m_name")
                .agg(countDistinct("account_id").as("name_accounts"), min("account_id").as("name_account"),
                        array_join(array_sort(collect_set("account_id")), ";").as("name_candidates"));
        Dataset<Row> keyed = leads.select(col("lead_id"), col("person_id"), col("converted_account_id"),
                col("email_domain").as("l_domain"), companyKey(col("company")).as("l_name"));
        Dataset<Row> joined = keyed
                .join(broadcast(domains), col("l_domain").equalTo(col("m_domain")), "left")
                .join(broadcast(names), col("l_name").equalTo(col("m_name")), "left");
        Column converted = col("converted_account_id").isNotNull();
        Column rule = when(converted, lit(CONVERTED))
                .when(col("domain_accounts").equalTo(1), lit(EMAIL_DOMAIN))
                .when(col("domain_accounts").gt(1), lit(AMBIGUOUS_EMAIL_DOMAIN))
                .when(col("name_accounts").equalTo(1), lit(COMPANY_NAME))
                .when(col("name_accounts").gt(1), lit(AMBIGUOUS_COMPANY_NAME))
                .otherwise(lit(NONE));
        return joined.withColumn("match_rule", rule).select(col("lead_id"), col("person_id"),
                when(converted, col("converted_account_id"))
                        .when(col("match_rule").equalTo(EMAIL_DOMAIN), col("domain_account"))
                        .when(col("match_rule").equalTo(COMPANY_NAME), col("name_account")).as("account_id"),
                col("match_rule"),
                when(col("match_rule").equalTo(AMBIGUOUS_EMAIL_DOMAIN), col("domain_candidates"))
                        .when(col("match_rule").equalTo(AMBIGUOUS_COMPANY_NAME), col("name_candidates"))
                        .as("candidate_accounts"));
    }

    /** One data-quality finding per lead that two or more accounts claim at the same rule. */
    public static Dataset<Row> ambiguities(Dataset<Row> leadAccount, LocalDate asOf) {
        Column byDomain = col("match_rule").equalTo(AMBIGUOUS_EMAIL_DOMAIN);
        return leadAccount.filter(byDomain.or(col("match_rule").equalTo(AMBIGUOUS_COMPANY_NAME)))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(AMBIGUOUS_ACCOUNT).as("check"),
                        lit("leads").as("entity"), col("lead_id").as("record_key"),
                        concat(when(byDomain, lit("the lead's e-mail domain is a domain of accounts "))
                                        .otherwise(lit("the lead's company name is the name of accounts ")),
                                col("candidate_accounts"), lit(": matched to no account (account-scope "
                                        + "attribution leaves the lead out)")).as("detail"));
    }

    /** The domain part of an e-mail address, lower case (null when the text is not one address). */
    public static Column emailDomain(Column email) {
        Column domain = regexp_extract(lower(trim(email)), "^[^@\\s]+@([^@\\s]+?)\\.?$", 1);
        return when(domain.notEqual(""), domain);
    }

    /**
     * An account's web domain as written in the extract ({@code acme.com}, {@code https://www.acme.com/about},
     * {@code WWW.ACME.COM:443}) reduced to the host without {@code www.}: {@code acme.com}.
     */
    public static Column webDomain(Column text) {
        Column s = lower(trim(text));
        s = regexp_replace(s, "^[a-z][a-z0-9+.-]*://", "");
        s = regexp_replace(s, "^[^@/]*@", ""); // user info, or an e-mail address given as the domain
        s = regexp_replace(s, "[/:?#].*$", "");
        s = regexp_replace(s, "^www\\.", "");
        s = regexp_replace(s, "\\.$", "");
        return s;
    }

    /**
     * A company name for matching: lower case, every run of punctuation and spaces one space, legal-form words
     * (Inc., GmbH, Sp. z o.o., ...) dropped from the end; at least the first word is kept.
     */
    public static Column companyKey(Column name) {
        Column s = trim(regexp_replace(lower(name), "[^\\p{L}\\p{N}]+", " "));
        return regexp_replace(s, "^(.+?)(?: (?:" + LEGAL_SUFFIXES + "))+$", "$1");
    }
}
