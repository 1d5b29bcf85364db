package io.glengarry.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates deterministic drops in the extract contract at a chosen scale: a history load (three fiscal years,
 * FY2024-Q1 .. FY2026-Q4, dropped on {@link #HISTORY_DROP}) and then {@code nights} incremental nightly drops
 * (new leads and touches, updates, deletes, merges, late touches, opportunities moving on, orders, spend, rates).
 * Scale 1 is 10M leads, 100M touches, 1M opportunities. Every lead's record is a function of (seed, lead number),
 * so a night can re-issue it with a change; rows stream into gzip'd parts. A small share of bad rows (separate
 * ids) exercises the quarantine.
 */
public final class SyntheticDrops {
    public static final LocalDate HISTORY_START = LocalDate.of(2024, 1, 1);
    public static final LocalDate HISTORY_DROP = LocalDate.of(2026, 11, 24);
    static final long ROWS_PER_PART = 250_000;
    /**
     * Recorded in generated.properties: the benchmark reuses drops only of the same scale, nights, seed and this.
     * Raise it whenever the same parameters give other bytes (2: accounts' websites of session 11, and no bad spend
     * line in a small night; drops of version 1 were reused after both changes).
     */
    static final int GENERATOR_VERSION = 2;
    /** Share of bad rows per mille in the history load. */
    private static final int BAD_PER_MILLE = 1;
    /** A night's spend lines from which one may be bad and stay well under the quarantine's max-share (5%). */
    private static final int BAD_SPEND_FROM_LINES = 60;

    private static final String LEADS = "lead_id,created_at,last_modified_at,email,company,country,territory,"
            + "lead_source,campaign_id,status,mql_at,converted_at,converted_opportunity_id,converted_account_id,"
            + "merged_into_lead_id,is_deleted";
    private static final String TOUCHES = "touch_id,lead_id,occurred_at,campaign_id,channel,touch_type";
    private static final String CAMPAIGNS = "campaign_id,name,channel,start_date,end_date,budget,currency";
    private static final String ACCOUNTS = "account_id,name,industry,country,territory,segment,last_modified_at,"
            + "is_deleted,domain";
    private static final String OPPORTUNITIES = "opportunity_id,account_id,created_at,last_modified_at,close_date,"
            + "stage,amount,currency,is_closed,is_won,forecast_category,owner_id,territory,sales_channel,partner_id,"
            + "lead_source,primary_campaign_id,is_deleted";
    private static final String HISTORY = "opportunity_id,changed_at,stage,amount,close_date,forecast_category";
    private static final String ORDERS = "order_id,opportunity_id,booked_at,currency,list_amount,net_amount,quantity";
    private static final String PARTNERS = "partner_id,name,partner_type,margin_pct,territory";
    private static final String SPEND = "entry_id,posted_date,amount,currency,gl_account,cost_center,channel,"
            + "campaign_id,vendor,description";
    private static final String FX = "rate_date,currency,rate_to_reporting";

    private final long seed;
    private final int nights;
    private final Path out;
    private final int leadCount;
    private final int salesSourcedOpps;
    private final int accountCount;
    private final int partnerCount;
    private final int ownersPerTerritory;
    private final int campaignsPerChannelYear;
    private final int spendLines;
    private final long historyStartDay = HISTORY_START.toEpochDay();
    private final long historyEnd = (HISTORY_DROP.toEpochDay() + 1) * 86400 - 1;
    private final long fxStartDay = LocalDate.of(2023, 12, 25).toEpochDay();

    private String[][][] campaignIds;
    private String[] accountName;
    private String[] accountDomain;
    private String[] accountCountry;
    private String[] accountTerritory;
    private int[] accountSegment;
    private String[][] partnersByType;
    private final double[][] weeklyRates = new double[3][];
    private final double[] lastRate = new double[3];
    private final List<SyntheticOpportunity> openOpps = new ArrayList<>();
    private long touchSeq;
    private long orderSeq;
    private long spendSeq;
    private long badSeq;
    private int salesOppSeq;
    private final Map<String, Map<String, Long>> rowsByDrop = new LinkedHashMap<>();

    public SyntheticDrops(double scale, int nights, long seed, Path out) {
        if (!(scale > 0) || scale > 10) {
            throw new IllegalArgumentException("--scale must be > 0 and <= 10, got " + scale);
        }
        if (nights < 0 || nights > 365) {
            throw new IllegalArgumentException("--nights must be 0..365, got " + nights);
        }
        this.seed = seed;
        this.nights = nights;
        this.out = out;
        this.leadCount = Math.max(1000, (int) Math.round(10_000_000 * scale));
        this.salesSourcedOpps = Math.max(150, (int) Math.round(400_000 * scale));
        this.accountCount = Math.max(300, (int) Math.round(300_000 * scale));
        this.partnerCount = Math.max(9, (int) Math.round(2_000 * scale));
        this.ownersPerTerritory = Math.max(3, (int) Math.round(500 * scale));
        this.campaignsPerChannelYear = Math.max(2, (int) Math.round(800 * scale));
        this.spendLines = Math.max(600, (int) Math.round(100_000 * scale));
    }

    /** Writes every drop under {@code out/<run-date>/} and returns the data rows per drop and extract. */
    public Map<String, Map<String, Long>> generate() {
        accounts();
        partners();
        rates();
        history();
        for (int night = 1; night <= nights; night++) {
            night(night);
        }
        writeDescription();
        return rowsByDrop;
    }

    /** The drop dates this generator writes: the history drop, then one per night. */
    public static List<LocalDate> dropDates(int nights) {
        List<LocalDate> dates = new ArrayList<>();
        for (int n = 0; n <= nights; n++) {
            dates.add(HISTORY_DROP.plusDays(n));
        }
        return dates;
    }

    // ------------------------------------------------------------------------------------------ reference data

    private void accounts() {
        accountName = new String[accountCount];
        accountDomain = new String[accountCount];
        accountCountry = new String[accountCount];
        accountTerritory = new String[accountCount];
        accountSegment = new int[accountCount];
        for (int a = 0; a < accountCount; a++) {
            SplittableRandom rng = rng(a, 11);
            int country = Vocabulary.weighted(rng, Vocabulary.COUNTRY_MIX);
            int root = rng.nextInt(Vocabulary.ROOTS.length);
            int word = rng.nextInt(Vocabulary.WORDS.length);
            accountName[a] = Vocabulary.ROOTS[root] + " " + Vocabulary.WORDS[word] + " "
                    + Vocabulary.SUFFIXES[rng.nextInt(Vocabulary.SUFFIXES.length)];
            accountDomain[a] = Vocabulary.ROOT_SLUGS[root] + "-" + Vocabulary.WORDS[word].toLowerCase(Locale.ROOT)
                    + (a + 1) + "." + Vocabulary.TLD[country];
            accountCountry[a] = Vocabulary.COUNTRIES[country];
            accountTerritory[a] = Vocabulary.territory(rng, accountCountry[a]);
            int s = rng.nextInt(100);
            accountSegment[a] = s < 50 ? 0 : s < 85 ? 1 : 2;
        }
    }

    private void partners() {
        List<List<String>> byType = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int p = 0; p < partnerCount; p++) {
            byType.get(p % 10 < 5 ? 0 : p % 10 < 8 ? 1 : 2).add(Stamps.id("P", 4, p + 1));
        }
        partnersByType = new String[3][];
        for (int t = 0; t < 3; t++) {
            partnersByType[t] = byType.get(t).toArray(new String[0]);
        }
    }

    private void rates() {
        SplittableRandom rng = rng(0, 13);
        int weeks = (int) ((HISTORY_DROP.toEpochDay() - fxStartDay) / 7) + 1;
        for (int c = 0; c < 3; c++) {
            weeklyRates[c] = new double[weeks];
            double v = Vocabulary.FX_BASE[c];
            for (int w = 0; w < weeks; w++) {
                v = v * (1 + (rng.nextDouble() - 0.5) * 0.024) + 0.08 * (Vocabulary.FX_BASE[c] - v);
                weeklyRates[c][w] = v;
            }
            lastRate[c] = v;
        }
    }

    private double rateAt(String currency, long day) {
        int c = currencyIndex(currency);
        if (c < 0) {
            return 1.0;
        }
        int w = (int) Math.max(0, Math.min(weeklyRates[c].length - 1, (day - fxStartDay) / 7));
        return weeklyRates[c][w];
    }

    private static int currencyIndex(String currency) {
        return switch (currency) {
            case "EUR" -> 0;
            case "GBP" -> 1;
            case "JPY" -> 2;
            default -> -1;
        };
    }

    private static String rateText(int c, double v) {
        return String.format(Locale.ROOT, c == 2 ? "%.8f" : "%.6f", v);
    }

    // ------------------------------------------------------------------------------------------ history load

    /**
     * The account's website as a CRM holds it: bare, www., https://www.../ or upper case; every 50th empty (matched
     * by company name only). The leads at the account write from this domain: the buying committee.
     */
    private String websiteOf(int a) {
        String domain = accountDomain[a];
        return switch (a % 50 == 7 ? -1 : a % 4) {
            case -1 -> null;
            case 1 -> "https://www." + domain + "/";
            case 2 -> "www." + domain;
            case 3 -> domain.toUpperCase(Locale.ROOT);
            default -> domain;
        };
    }

    private void history() {
        Path dir = out.resolve(HISTORY_DROP.toString());
        try (Drop d = new Drop(dir)) {
            SplittableRandom misc = rng(0, 17);
            for (int a = 0; a < accountCount; a++) {
                SplittableRandom rng = rng(a, 19);
                long modified = historyStartDay * 86400 + (long) (rng.nextDouble() * (historyEnd - historyStartDay
                        * 86400));
                d.accounts.field(Stamps.id("A", 6, a + 1)).field(accountName[a])
                        .field(Vocabulary.INDUSTRIES[rng.nextInt(Vocabulary.INDUSTRIES.length)])
                        .field(accountCountry[a]).field(accountTerritory[a])
                        .field(Vocabulary.SEGMENTS[accountSegment[a]]).timestamp(modified, Vocabulary.stampForm(rng))
                        .field(Vocabulary.bool(rng, rng.nextInt(1000) < 5)).field(websiteOf(a)).endRow();
            }
            String[] types = {"var", "si", "mmr"};
            for (int t = 0; t < 3; t++) {
                for (String p : partnersByType[t]) {
                    int margin = t == 0 ? 20 + misc.nextInt(16) : t == 1 ? 10 + misc.nextInt(11) : 5 + misc.nextInt(11);
                    d.partners.field(p).field(Vocabulary.ROOTS[misc.nextInt(Vocabulary.ROOTS.length)] + " "
                                    + (t == 0 ? "Resellers" : t == 1 ? "Consulting" : "Marketplace") + " " + p)
                            .field(types[t]).field(String.format(Locale.ROOT, "0.%02d", margin))
                            .field(Vocabulary.territory(misc, Vocabulary.COUNTRIES[misc.nextInt(4)])).endRow();
                }
            }
            campaigns(d, misc);
            for (int c = 0; c < 3; c++) {
                for (int w = 0; w < weeklyRates[c].length; w++) {
                    d.fx.field(Stamps.date(fxStartDay + 7L * w)).field(Vocabulary.CURRENCIES[c])
                            .field(rateText(c, weeklyRates[c][w])).endRow();
                }
            }
            for (int i = 0; i < leadCount; i++) {
                historyLead(d, i);
            }
            for (int s = 0; s < salesSourcedOpps; s++) {
                SplittableRandom rng = rng(s, 23);
                long created = historyStartDay * 86400 + (long) (rng.nextDouble() * (historyEnd - 30 * 86400
                        - historyStartDay * 86400));
                SyntheticOpportunity o = newOpportunity(rng, Stamps.id("OPS", 8, ++salesOppSeq),
                        rng.nextInt(accountCount), created, rng.nextInt(100) < 60 ? "SDR Outbound"
                                : rng.nextInt(100) < 50 ? "Partner" : null, null);
                historyOpportunity(d, rng, o);
            }
            for (int s = 0; s < spendLines; s++) {
                long day = historyStartDay + (long) (misc.nextDouble() * (HISTORY_DROP.toEpochDay() - historyStartDay));
                spendLine(d, misc, day, true);
            }
            rowsByDrop.put(HISTORY_DROP.toString(), d.rows());
        }
    }

    private void campaigns(Drop d, SplittableRandom rng) {
        for (int ch : Vocabulary.CAMPAIGN_CHANNELS) {
            for (int year = 2024; year <= 2026; year++) {
                for (int k = 0; k < campaignsPerChannelYear; k++) {
                    boolean event = ch == 0 || ch == 1;
                    long start = LocalDate.of(year, 1, 1).toEpochDay() + (event ? rng.nextInt(330) : 0);
                    long end = event ? start + rng.nextInt(3) : LocalDate.of(year, 12, 31).toEpochDay();
                    d.campaigns.field(campaignId(ch, year, k))
                            .field(Vocabulary.RAW[ch][0] + " - " + Vocabulary.WORDS[k % Vocabulary.WORDS.length] + " FY"
                                    + year + " #" + (k + 1))
                            .field(Vocabulary.raw(rng, ch)).field(Stamps.date(start)).field(Stamps.date(end));
                    if (rng.nextInt(100) < 85) {
                        d.campaigns.money((5_000 + rng.nextInt(95_000)) * 100L).field("USD");
                    } else {
                        d.campaigns.field(null).field(null);
                    }
                    d.campaigns.endRow();
                }
            }
        }
    }

    private String campaignId(int channel, int year, int k) {
        if (campaignIds == null) {
            campaignIds = new String[Vocabulary.CHANNELS.length][3][campaignsPerChannelYear];
            for (int c = 0; c < Vocabulary.CHANNELS.length; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int i = 0; i < campaignsPerChannelYear; i++) {
                        campaignIds[c][y][i] = String.format(Locale.ROOT, "C%02d%02d%04d", c, 24 + y, i + 1);
                    }
                }
            }
        }
        return campaignIds[channel][year - 2024][k];
    }

    private String pickCampaign(SplittableRandom rng, int channel, long epochSecond) {
        for (int ch : Vocabulary.CAMPAIGN_CHANNELS) {
            if (ch == channel) {
                int year = Math.min(2026, Math.max(2024, LocalDate.ofEpochDay(epochSecond / 86400).getYear()));
                return campaignId(channel, year, rng.nextInt(campaignsPerChannelYear));
            }
        }
        return null;
    }

    /** A lead exactly as the history load shows it; a night re-derives it to issue a change. */
    private SyntheticLead lead(int i) {
        SplittableRandom rng = rng(i, 29);
        SyntheticLead l = new SyntheticLead(i, Stamps.id("L", 8, i + 1));
        long span = historyEnd - 86400 - historyStartDay * 86400;
        l.created = historyStartDay * 86400 + (long) ((i + rng.nextDouble()) * span / leadCount);
        identity(l, i, rng);
        l.channel = Vocabulary.weighted(rng, Vocabulary.LEAD_MIX);
        l.source = rng.nextInt(100) < 3 ? null : Vocabulary.raw(rng, l.channel);
        l.campaign = rng.nextInt(100) < 75 ? pickCampaign(rng, l.channel, l.created) : null;
        long mql = rng.nextInt(100) < 30 ? l.created + (long) (-Math.log(1 - rng.nextDouble()) * 12 * 86400) : -1;
        l.mql = mql <= historyEnd ? mql : -1;
        long conv = -1;
        if (l.mql > 0 && rng.nextInt(100) < 20) {
            conv = l.mql + 3600 + rng.nextInt(75 * 86400);
        } else if (l.mql < 0 && rng.nextInt(1000) < 5) {
            conv = l.created + 3600 + rng.nextInt(40 * 86400); // converted by sales, never marketing-qualified
        }
        l.converted = conv <= historyEnd ? conv : -1;
        if (l.converted > 0 && l.account < 0) {
            l.account = rng.nextInt(accountCount);
        }
        l.status = l.converted > 0 ? "Converted" : l.mql > 0 ? pick(rng, "MQL", "Working", "Nurture", "Disqualified")
                : pick(rng, "Open", "Open", "Nurture", "Disqualified");
        if (i > 0 && rng.nextInt(1000) < 3) {
            l.mergedInto = Stamps.id("L", 8, i - rng.nextInt(Math.min(i, 5000)));
        }
        l.deleted = rng.nextInt(1000) < 2;
        l.lastModified = Math.min(historyEnd, Math.max(l.created, Math.max(l.mql, l.converted))
                + rng.nextInt(3 * 86400));
        l.form = Vocabulary.stampForm(rng);
        l.boolText = Vocabulary.bool(rng, l.deleted);
        return l;
    }

    /**
     * Who the lead is: account, name and e-mail; 2% are the same person as an earlier lead (same e-mail). 30% work
     * at a CRM account (an address at its domain): about 3 leads per account and year, so a won deal's buying
     * committee is the converted lead and 2-8 colleagues (issue 25); the others write from free-mail addresses.
     */
    private void identity(SyntheticLead l, int i, SplittableRandom rng) {
        int who = i;
        if (i > 0 && rng.nextInt(100) < 2) {
            who = i - 1 - rng.nextInt(Math.min(i, 20_000));
        }
        SplittableRandom id = rng(who, 31);
        l.account = id.nextInt(100) < 30 ? id.nextInt(accountCount) : -1;
        String name = Vocabulary.FIRST[id.nextInt(Vocabulary.FIRST.length)] + "."
                + Vocabulary.LAST[id.nextInt(Vocabulary.LAST.length)];
        if (l.account >= 0) {
            l.email = name + "@" + accountDomain[l.account];
        } else {
            l.email = name + (who % 9973) + "@" + Vocabulary.FREE_MAIL[id.nextInt(Vocabulary.FREE_MAIL.length)];
        }
        if (id.nextInt(100) < 4) {
            l.email = l.email.toUpperCase(Locale.ROOT); // same person, other spelling
        }
    }

    private void historyLead(Drop d, int i) {
        SyntheticLead l = lead(i);
        SyntheticOpportunity opp = null;
        long touchCutoff = historyEnd;
        if (l.converted > 0) {
            SplittableRandom rng = rng(i, 37);
            opp = newOpportunity(rng, l.opportunityId(), l.account, l.converted, l.source, l.campaign);
            historyOpportunity(d, rng, opp);
            if (opp.isWon()) {
                touchCutoff = opp.closeDay * 86400 - 3600;
            }
        }
        writeLead(d, l);
        SplittableRandom rng = rng(i, 41);
        int touches = l.converted > 0 ? 12 + rng.nextInt(14) : 1 + (int) (-Math.log(1 - rng.nextDouble()) * 8.6);
        long window = Math.max(60, Math.min(touchCutoff, l.created + 400L * 86400) - l.created);
        for (int t = 0; t < touches; t++) {
            long at = t == 0 ? l.created : l.created + (long) (rng.nextDouble() * window);
            touch(d, rng, l, t == 0 ? l.channel : -1, at);
        }
        if (rng.nextInt(1000) < BAD_PER_MILLE) {
            badLead(d, rng);
        }
    }

    private void writeLead(Drop d, SyntheticLead l) {
        CsvPartWriter w = d.leads;
        w.field(l.id).timestamp(l.created, l.form).timestamp(l.lastModified, l.form).field(l.email)
                .field(l.account >= 0 ? accountName[l.account] : null)
                .field(l.account >= 0 ? accountCountry[l.account] : null)
                .field(l.account >= 0 ? accountTerritory[l.account] : null)
                .field(l.source).field(l.campaign).field(l.status);
        if (l.mql > 0) {
            w.timestamp(l.mql, l.form);
        } else {
            w.field(null);
        }
        if (l.converted > 0) {
            w.timestamp(l.converted, l.form).field(l.opportunityId()).field(Stamps.id("A", 6, l.account + 1));
        } else {
            w.field(null).field(null).field(null);
        }
        w.field(l.mergedInto).field(l.boolText).endRow();
    }

    private void touch(Drop d, SplittableRandom rng, SyntheticLead l, int channel, long at) {
        int ch = channel >= 0 ? channel : rng.nextInt(100) < 45 ? l.channel
                : Vocabulary.weighted(rng, Vocabulary.LEAD_MIX);
        String campaign = channel >= 0 ? l.campaign : rng.nextInt(100) < 70 ? pickCampaign(rng, ch, at) : null;
        String raw = campaign != null && rng.nextInt(100) < 20 ? null : Vocabulary.raw(rng, ch);
        d.touches.field(Stamps.id("T", 10, ++touchSeq)).field(l.id).timestamp(at, Stamps.ZULU)
                .field(campaign).field(raw).field(channel >= 0 ? "form_fill" : Vocabulary.TOUCH_TYPE[ch]).endRow();
        if (rng.nextInt(10_000) < 10 * BAD_PER_MILLE) {
            long bad = ++badSeq;
            switch ((int) (bad % 3)) {
                case 0 -> d.touches.field("TX" + bad).field(l.id).field("last tuesday").field(null).field("Email")
                        .field("email_click").endRow();
                case 1 -> d.touches.field("TX" + bad).field(null).timestamp(at, Stamps.ZULU).field(null)
                        .field("Email").field("email_click").endRow();
                default -> d.touches.field("TX" + bad).field(l.id).timestamp(at, Stamps.ZULU).endRow();
            }
        }
    }

    private void badLead(Drop d, SplittableRandom rng) {
        long bad = ++badSeq;
        String stamp = bad % 2 == 0 ? "2025-13-45T10:00:00Z" : "2025-02-03T10:00:00Z";
        d.leads.field("LX" + bad).field(stamp).field(stamp).field("x" + bad + "@example.com").field(null)
                .field(null).field(null).field("Webinar").field(null).field("Open").field(null).field(null)
                .field(null).field(null).field(null).field(bad % 2 == 0 ? "false" : "maybe").endRow();
    }

    private SyntheticOpportunity newOpportunity(SplittableRandom rng, String id, int account, long created,
                                                String leadSource, String campaign) {
        String currency = Vocabulary.currency(accountCountry[account]);
        if (!currency.equals("USD") && rng.nextInt(100) < 25) {
            currency = "USD";
        }
        int r = rng.nextInt(100);
        String salesChannel = r < 70 ? "direct" : r < 85 ? "var" : r < 95 ? "si" : "mmr";
        String partner = null;
        if (!salesChannel.equals("direct")) {
            String[] ps = partnersByType[r < 85 ? 0 : r < 95 ? 1 : 2];
            partner = ps[rng.nextInt(ps.length)];
        }
        double base = switch (accountSegment[account]) {
            case 0 -> 15_000;
            case 1 -> 45_000;
            default -> 150_000;
        };
        double usd = base * Math.exp(rng.nextGaussian() * 0.6);
        long step = stepCents(currency);
        long cents = Math.max(step, Math.round(usd / rateAt(currency, created / 86400) * 100 / step) * step);
        String territory = accountTerritory[account];
        int t = switch (territory) {
            case "NA-East" -> 0;
            case "NA-West" -> 1;
            case "EMEA" -> 2;
            default -> 3;
        };
        String owner = Stamps.id("U", 4, t * ownersPerTerritory + rng.nextInt(ownersPerTerritory) + 1);
        return new SyntheticOpportunity(id, account, created, currency, owner, territory, salesChannel, partner,
                leadSource, campaign, cents);
    }

    private static long stepCents(String currency) {
        return currency.equals("JPY") ? 1_000_000 : 10_000;
    }

    private void historyOpportunity(Drop d, SplittableRandom rng, SyntheticOpportunity o) {
        for (SyntheticOpportunity.Change c : o.live(rng, historyEnd, stepCents(o.currency))) {
            writeChange(d, o, c);
        }
        writeOpportunity(d, rng, o);
        if (o.isWon()) {
            long booked = Math.min(historyEnd - 60, o.closeDay * 86400 + 10 * 3600 + rng.nextInt(3 * 86400));
            order(d, rng, o, booked, o.amountCents);
            if (rng.nextInt(100) < 12) {
                long addOn = booked + (30 + rng.nextInt(170)) * 86400L;
                if (addOn <= historyEnd) {
                    order(d, rng, o, addOn, Math.max(100, o.amountCents * (10 + rng.nextInt(20)) / 100 / 100 * 100));
                }
            }
        } else if (!o.isClosed()) {
            openOpps.add(o);
        }
        if (rng.nextInt(1000) < BAD_PER_MILLE * 3) {
            long bad = ++badSeq;
            d.opportunities.field("OX" + bad).field(null).timestamp(o.created, Stamps.ZULU)
                    .timestamp(o.created, Stamps.ZULU).field(Stamps.date(o.closeDay)).field("Prospecting")
                    .field(bad % 2 == 0 ? "12,500.00" : "1000.00").field(bad % 2 == 0 ? "USD" : "US$")
                    .field("false").field("false").field("pipeline").field(o.owner).field(o.territory)
                    .field("direct").field(null).field(null).field(null).field("false").endRow();
        }
    }

    private void writeChange(Drop d, SyntheticOpportunity o, SyntheticOpportunity.Change c) {
        d.history.field(o.id).timestamp(c.at(), Stamps.ZULU).field(Vocabulary.STAGES[c.stage()])
                .money(c.amountCents()).field(Stamps.date(c.closeDay())).field(c.forecastCategory()).endRow();
    }

    private void writeOpportunity(Drop d, SplittableRandom rng, SyntheticOpportunity o) {
        int form = Vocabulary.stampForm(rng);
        d.opportunities.field(o.id).field(Stamps.id("A", 6, o.account + 1)).timestamp(o.created, form)
                .timestamp(o.lastModified, form).field(Stamps.date(o.closeDay)).field(Vocabulary.STAGES[o.stage])
                .money(o.amountCents).field(o.currency).field(Vocabulary.bool(rng, o.isClosed()))
                .field(Vocabulary.bool(rng, o.isWon())).field(o.forecastCategory).field(o.owner).field(o.territory)
                .field(o.salesChannel).field(o.partnerId).field(o.leadSource).field(o.campaignId)
                .field(Vocabulary.bool(rng, false)).endRow();
    }

    private void order(Drop d, SplittableRandom rng, SyntheticOpportunity o, long booked, long netCents) {
        int marginPct = o.partnerId == null ? 0 : 10 + rng.nextInt(20);
        int discountPct = rng.nextInt(16);
        long list = netCents * 100 / (100 - marginPct - discountPct);
        d.orders.field(Stamps.id("ORD", 9, ++orderSeq)).field(o.id).timestamp(booked, Stamps.ZULU)
                .field(o.currency).money(list).money(netCents).field(Integer.toString(1 + rng.nextInt(200)))
                .endRow();
        if (rng.nextInt(1000) < BAD_PER_MILLE * 5) {
            long bad = ++badSeq;
            d.orders.field("ORDX" + bad).field(o.id).timestamp(booked, Stamps.ZULU).field(o.currency).money(list)
                    .field(bad % 2 == 0 ? "10.125" : Stamps.cents(netCents)).field(bad % 2 == 0 ? "3" : "-3")
                    .endRow();
        }
    }

    /** A ledger line of the day; now and then also a bad one (a date in the wrong format) when {@code mayBeBad}. */
    private void spendLine(Drop d, SplittableRandom rng, long day, boolean mayBeBad) {
        int ch = Vocabulary.CAMPAIGN_CHANNELS[rng.nextInt(Vocabulary.CAMPAIGN_CHANNELS.length)];
        long cents = (200 + rng.nextInt(20_000)) * 100L + rng.nextInt(100);
        if (rng.nextInt(100) < 5) {
            cents = -cents / 4; // a credit or reversal
        }
        String currency = rng.nextInt(100) < 80 ? "USD" : Vocabulary.CURRENCIES[rng.nextInt(2)];
        String vendor = Vocabulary.VENDORS[rng.nextInt(Vocabulary.VENDORS.length)];
        d.spend.field(Stamps.id("JE", 8, ++spendSeq)).field(Stamps.date(day)).money(cents).field(currency)
                .field(Vocabulary.GL[rng.nextInt(Vocabulary.GL.length)])
                .field(Vocabulary.COST_CENTERS[rng.nextInt(Vocabulary.COST_CENTERS.length)])
                .field(rng.nextInt(100) < 30 ? null : Vocabulary.raw(rng, ch))
                .field(rng.nextInt(100) < 50 ? pickCampaign(rng, ch, day * 86400) : null).field(vendor)
                .field(vendor + " - " + Stamps.date(day).substring(0, 7)).endRow();
        if (rng.nextInt(1000) < BAD_PER_MILLE * 3 && mayBeBad) { // the same draws either way
            long bad = ++badSeq;
            d.spend.field("JEX" + bad).field("31/12/2025").money(cents).field(currency).field(null).field(null)
                    .field(null).field(null).field(vendor).field(null).endRow();
        }
    }

    // ------------------------------------------------------------------------------------------ nightly drops

    private void night(int night) {
        LocalDate date = HISTORY_DROP.plusDays(night);
        long day = date.toEpochDay();
        long dayStart = day * 86400;
        SplittableRandom rng = rng(night, 43);
        int perDay = Math.max(1, (int) Math.round(leadCount / (double) (HISTORY_DROP.toEpochDay() - historyStartDay)));
        try (Drop d = new Drop(out.resolve(date.toString()))) {
            for (int c = 0; c < 3; c++) {
                lastRate[c] = lastRate[c] * (1 + (rng.nextDouble() - 0.5) * 0.004);
                d.fx.field(date.toString()).field(Vocabulary.CURRENCIES[c]).field(rateText(c, lastRate[c])).endRow();
            }
            for (int k = 0; k < perDay; k++) { // new leads, each with a first touch or two that day
                SyntheticLead l = new SyntheticLead(leadCount + (night - 1) * perDay + k,
                        Stamps.id("L", 8, leadCount + (night - 1) * perDay + k + 1));
                l.created = dayStart + 6 * 3600 + rng.nextInt(12 * 3600);
                identity(l, l.index, rng);
                l.channel = Vocabulary.weighted(rng, Vocabulary.LEAD_MIX);
                l.source = Vocabulary.raw(rng, l.channel);
                l.campaign = pickCampaign(rng, l.channel, l.created);
                l.status = "Open";
                l.lastModified = l.created;
                l.form = Stamps.ZULU;
                l.boolText = "false";
                writeLead(d, l);
                int touches = 1 + rng.nextInt(3);
                for (int t = 0; t < touches; t++) {
                    touch(d, rng, l, t == 0 ? l.channel : -1, l.created + t * 600L);
                }
            }
            int updates = Math.max(5, leadCount / 1000);
            int removals = Math.max(1, leadCount / 10_000);
            for (int k = 0; k < updates + 2 * removals; k++) {
                SyntheticLead l = lead(rng.nextInt(leadCount));
                long at = dayStart + 6 * 3600 + rng.nextInt(12 * 3600);
                if (k < updates) {
                    if (l.mql < 0 && l.converted < 0) {
                        l.mql = at;
                        l.status = "MQL";
                    } else if (l.converted < 0) {
                        l.status = pick(rng, "Working", "Nurture", "Disqualified");
                    }
                } else if (k < updates + removals) {
                    l.deleted = true;
                    l.boolText = "true";
                } else if (l.index > 0) {
                    l.mergedInto = Stamps.id("L", 8, rng.nextInt(l.index) + 1);
                }
                l.lastModified = at;
                writeLead(d, l);
            }
            int touchesPerDay = Math.max(5, (int) Math.round(leadCount * 10.0
                    / (HISTORY_DROP.toEpochDay() - historyStartDay)));
            for (int k = 0; k < touchesPerDay; k++) { // existing leads touched again; 2% arrive late
                SyntheticLead l = lead(rng.nextInt(leadCount));
                long at = k % 50 == 0 ? Math.max(l.created, dayStart - (1 + rng.nextInt(30)) * 86400L)
                        : dayStart + rng.nextInt(86400);
                touch(d, rng, l, -1, at);
            }
            Iterator<SyntheticOpportunity> open = openOpps.iterator();
            while (open.hasNext()) {
                SyntheticOpportunity o = open.next();
                if (rng.nextInt(100) >= 4) {
                    continue;
                }
                long at = dayStart + 7 * 3600 + rng.nextInt(11 * 3600);
                writeChange(d, o, o.change(rng, at, day, stepCents(o.currency)));
                writeOpportunity(d, rng, o);
                if (o.isWon()) {
                    order(d, rng, o, at + 600, o.amountCents);
                }
                if (o.isClosed()) {
                    open.remove();
                }
            }
            int newOpps = Math.max(1, (int) Math.round(salesSourcedOpps
                    / (double) (HISTORY_DROP.toEpochDay() - historyStartDay)));
            for (int k = 0; k < newOpps; k++) {
                SyntheticOpportunity o = newOpportunity(rng, Stamps.id("OPS", 8, ++salesOppSeq),
                        rng.nextInt(accountCount), dayStart + 8 * 3600 + rng.nextInt(9 * 3600), "SDR Outbound", null);
                o.closeDay = day + 60 + rng.nextInt(200);
                o.forecastCategory = "pipeline";
                o.lastModified = o.created;
                writeChange(d, o, new SyntheticOpportunity.Change(o.created, 0, o.amountCents, o.closeDay,
                        o.forecastCategory));
                writeOpportunity(d, rng, o);
                openOpps.add(o);
            }
            int spendPerDay = Math.max(2, spendLines / 1060);
            for (int k = 0; k < spendPerDay; k++) {
                // one bad line among a night's few would be above the quarantine's max-share and refuse the night
                spendLine(d, rng, day, spendPerDay >= BAD_SPEND_FROM_LINES);
            }
            if (d.leads.rows() >= 200) { // a bad row now and then, well under the quarantine threshold
                badLead(d, rng);
            }
            rowsByDrop.put(date.toString(), d.rows());
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** What decides the bytes written: a folder generated with the same parameters can be reused. */
    public Map<String, String> parameters() {
        Map<String, String> p = new java.util.TreeMap<>();
        p.put("generator", Integer.toString(GENERATOR_VERSION));
        p.put("leads", Integer.toString(leadCount));
        p.put("nights", Integer.toString(nights));
        p.put("seed", Long.toString(seed));
        return p;
    }

    private void writeDescription() {
        StringBuilder b = new StringBuilder("# written by jobs/glengarry generate; same seed and scale -> same bytes\n");
        parameters().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        rowsByDrop.forEach((drop, rows) -> rows.forEach((extract, n) ->
                b.append("rows.").append(drop).append('.').append(extract).append('=').append(n).append('\n')));
        try {
            Files.writeString(out.resolve("generated.properties"), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.resolve("generated.properties"), e);
        }
    }

    private SplittableRandom rng(long index, long salt) {
        long h = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + salt * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return new SplittableRandom(h);
    }

    private static String pick(SplittableRandom rng, String... values) {
        return values[rng.nextInt(values.length)];
    }

    /** The writers of one drop, one per extract. */
    private static final class Drop implements AutoCloseable {
        final CsvPartWriter leads;
        final CsvPartWriter touches;
        final CsvPartWriter campaigns;
        final CsvPartWriter accounts;
        final CsvPartWriter opportunities;
        final CsvPartWriter history;
        final CsvPartWriter orders;
        final CsvPartWriter partners;
        final CsvPartWriter spend;
        final CsvPartWriter fx;
        private final List<CsvPartWriter> all;

        Drop(Path dir) {
            leads = new CsvPartWriter(dir, "leads", LEADS, ROWS_PER_PART);
            touches = new CsvPartWriter(dir, "touches", TOUCHES, ROWS_PER_PART);
            campaigns = new CsvPartWriter(dir, "campaigns", CAMPAIGNS, ROWS_PER_PART);
            accounts = new CsvPartWriter(dir, "accounts", ACCOUNTS, ROWS_PER_PART);
            opportunities = new CsvPartWriter(dir, "opportunities", OPPORTUNITIES, ROWS_PER_PART);
            history = new CsvPartWriter(dir, "opportunity_history", HISTORY, ROWS_PER_PART);
            orders = new CsvPartWriter(dir, "orders", ORDERS, ROWS_PER_PART);
            partners = new CsvPartWriter(dir, "partners", PARTNERS, ROWS_PER_PART);
            spend = new CsvPartWriter(dir, "spend", SPEND, ROWS_PER_PART);
            fx = new CsvPartWriter(dir, "fx_rates", FX, ROWS_PER_PART);
            all = List.of(leads, touches, campaigns, accounts, opportunities, history, orders, partners, spend, fx);
        }

        Map<String, Long> rows() {
            String[] names = {"leads", "touches", "campaigns", "accounts", "opportunities", "opportunity_history",
                "orders", "partners", "spend", "fx_rates"};
            Map<String, Long> rows = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (all.get(i).rows() > 0) {
                    rows.put(names[i], all.get(i).rows());
                }
            }
            return rows;
        }

        @Override
        public void close() {
            for (CsvPartWriter w : all) {
                w.close();
            }
        }
    }
}
