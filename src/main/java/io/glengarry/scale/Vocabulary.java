package io.glengarry.scale;

import java.util.SplittableRandom;

/**
 * The words of the generated drops: canonical channels with their raw spellings (as conf/channels.conf maps
 * them), the channel mix, touch types, countries with territory and currency, names. Mirrors
 * data-samples/generate_samples.py.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    static final String[] CHANNELS = {"webinar", "tradeshow", "paid_search", "organic_search", "email", "content",
        "survey", "social", "display", "referral", "partner", "direct_traffic", "outbound", "other"};
    /** Share of new leads by channel (per mille, same order as CHANNELS). */
    static final int[] LEAD_MIX = {110, 60, 150, 140, 90, 110, 20, 70, 50, 40, 40, 60, 50, 10};
    static final String[][] RAW = {
        {"Webinar", "ON24 webcast", "Webcast", "Virtual Event"},
        {"Trade Show", "Tradeshow - Dreamforce", "Tradeshow - AWS re:Invent", "Conference", "Event"},
        {"Google Ads", "google adwords", "Bing Ads", "PPC"},
        {"Organic Search", "SEO"},
        {"Email", "Newsletter", "Email Nurture"},
        {"Whitepaper", "Content Syndication", "eBook"},
        {"Survey"},
        {"LinkedIn", "Twitter/X", "Paid Social"},
        {"Display", "Banner ads", "Retargeting"},
        {"Customer Referral", "Referral"},
        {"Partner", "Partner Referral"},
        {"Direct", "Website Direct"},
        {"Outbound", "SDR Outbound", "Cold Call"},
        {"Other"}};
    static final String[] TOUCH_TYPE = {"webinar_attended", "tradeshow_scan", "ad_click", "web_visit", "email_click",
        "form_fill", "survey_response", "ad_click", "ad_click", "form_fill", "form_fill", "web_visit", "email_click",
        "form_fill"};
    /** Channels that run campaigns (webinar, tradeshow, paid_search, email, content, survey, social, display). */
    static final int[] CAMPAIGN_CHANNELS = {0, 1, 2, 4, 5, 6, 7, 8};

    static final String[] COUNTRIES = {"US", "CA", "GB", "DE", "FR", "NL", "SE", "PL", "ES", "JP", "AU", "SG", "IN"};
    static final int[] COUNTRY_MIX = {46, 4, 10, 9, 5, 3, 2, 2, 2, 8, 5, 2, 2};
    static final String[] TLD = {"com", "ca", "co.uk", "de", "fr", "nl", "se", "pl", "es", "co.jp", "com.au", "sg",
        "in"};
    static final String[] INDUSTRIES = {"Software", "Financial Services", "Manufacturing", "Healthcare", "Retail",
        "Telecommunications", "Energy", "Public Sector", "Education", "Logistics"};
    static final String[] SEGMENTS = {"SMB", "Mid-Market", "Enterprise"};
    static final String[] ROOTS = {"Summit", "Bluebird", "Pioneer", "Redwood", "Granite", "Harbor", "Ironclad",
        "Northstar", "Cascade", "Keystone", "Maple", "Thames", "Albion", "Müller", "Schäfer", "Rhein", "Lumière",
        "Élan", "Oranje", "Åkesson", "Łódź", "Gdańsk", "Peñalara", "Sakura", "Kōyō", "Tasman", "Merlion", "Deccan"};
    static final String[] ROOT_SLUGS = {"summit", "bluebird", "pioneer", "redwood", "granite", "harbor", "ironclad",
        "northstar", "cascade", "keystone", "maple", "thames", "albion", "mueller", "schaefer", "rhein", "lumiere",
        "elan", "oranje", "akesson", "lodz", "gdansk", "penalara", "sakura", "koyo", "tasman", "merlion", "deccan"};
    static final String[] WORDS = {"Analytics", "Systems", "Logistics", "Software", "Foods", "Health", "Capital",
        "Energy", "Retail", "Labs", "Motors", "Telecom", "Insurance", "Robotics", "Media", "Pharma"};
    static final String[] SUFFIXES = {"Inc.", "LLC", "Ltd", "GmbH", "SA", "AB", "Sp. z o.o.", "K.K.", "Pty Ltd",
        "Corp.", "Group, Inc."};
    static final String[] FIRST = {"omar", "ella", "liam", "sofia", "noah", "mia", "lucas", "emma", "jonas", "lea",
        "hiro", "yuki", "aarav", "priya", "james", "olivia", "mateo", "zoe", "felix", "ines", "oskar", "maja", "finn",
        "ava", "leo", "nora", "ben", "ida", "max", "chloe"};
    static final String[] LAST = {"smith", "jones", "muller", "schmidt", "martin", "bernard", "tanaka", "sato",
        "patel", "sharma", "garcia", "lopez", "nowak", "berg", "jensen", "brown", "wilson", "taylor", "moreau",
        "rossi", "kim", "lee", "singh", "novak", "fischer", "weber", "dubois", "silva", "costa", "young"};
    static final String[] FREE_MAIL = {"gmail.com", "outlook.com", "yahoo.com", "proton.me"};
    static final String[] STAGES = {"Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation",
        "Closed Won", "Closed Lost"};
    static final int WON = 5;
    static final int LOST = 6;
    static final String[] FORECAST = {"pipeline", "pipeline", "best_case", "best_case", "commit", "closed",
        "omitted"};
    static final String[] CURRENCIES = {"EUR", "GBP", "JPY"};
    static final double[] FX_BASE = {1.085, 1.268, 0.00672};
    static final String[] GL = {"6100-Advertising", "6150-Events", "6200-Marketing Software", "6300-Agency Fees",
        "6400-Content Production"};
    static final String[] COST_CENTERS = {"CC-400 Marketing Ops", "CC-410 Demand Gen", "CC-420 Field Marketing",
        "CC-430 Brand"};
    static final String[] VENDORS = {"Google Ireland Ltd", "Microsoft Advertising", "LinkedIn Ireland", "ON24 Inc",
        "Cvent", "HubSpot Inc", "Mailchimp", "TechTarget", "Freeman", "Outreach Corp"};

    static int weighted(SplittableRandom rng, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A raw spelling of a channel, sometimes in other case or with surrounding spaces (still maps). */
    static String raw(SplittableRandom rng, int channel) {
        String[] spellings = RAW[channel];
        String s = spellings[rng.nextInt(spellings.length)];
        int r = rng.nextInt(100);
        if (r < 80) {
            return s;
        }
        if (r < 88) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        if (r < 92) {
            return s.toUpperCase(java.util.Locale.ROOT);
        }
        return r < 96 ? " " + s : s + "  ";
    }

    /** Mostly false/true, sometimes TRUE, False, 1/0 (all valid booleans of the contract). */
    static String bool(SplittableRandom rng, boolean value) {
        int r = rng.nextInt(100);
        if (r < 94) {
            return value ? "true" : "false";
        }
        if (r < 97) {
            return value ? "TRUE" : "FALSE";
        }
        return value ? "1" : "0";
    }

    /** Mostly the Z form; a few rows without offset or at +01:00. */
    static int stampForm(SplittableRandom rng) {
        int r = rng.nextInt(100);
        return r < 92 ? Stamps.ZULU : r < 97 ? Stamps.PLAIN : Stamps.OFFSET;
    }

    static String territory(SplittableRandom rng, String country) {
        return switch (country) {
            case "US" -> rng.nextBoolean() ? "NA-East" : "NA-West";
            case "CA" -> "NA-East";
            case "JP", "AU", "SG", "IN" -> "APAC";
            default -> "EMEA";
        };
    }

    static String currency(String country) {
        return switch (country) {
            case "GB" -> "GBP";
            case "DE", "FR", "NL", "SE", "PL", "ES" -> "EUR";
            case "JP" -> "JPY";
            default -> "USD";
        };
    }
}
