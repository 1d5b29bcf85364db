#!/usr/bin/env python3
"""Deterministic sample-data generator for Glengarry (stdlib only, Python 3.11).

    python3 data-samples/generate_samples.py

Writes
  data-samples/landing/2026-11-24/   history load (all ten extracts, touches as two gzip parts)
  data-samples/landing/2026-11-25/   incremental drop
  data-samples/landing/2026-11-26/   incremental drop
  conf/channels.conf                 raw source text -> canonical channel (HOCON)
  data-samples/README.md             what is in the drops, special records by id, bad rows by file/line

Everything is driven by one seeded random.Random; no wall-clock time is read, gzip headers carry
mtime=0 and no file name, rows are written sorted with explicit "\\n" line endings. Running it twice
gives byte-identical files.
"""
import bisect
import gzip
import io
import math
import os
import random
import shutil
import unicodedata
from datetime import date, datetime, time, timedelta

SEED = 20261124
rng = random.Random(SEED)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANDING = os.path.join(HERE, "landing")
CONF_PATH = os.path.join(ROOT, "conf", "channels.conf")
README_PATH = os.path.join(HERE, "README.md")

START = date(2024, 1, 1)
RUN1, RUN2, RUN3 = date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)
DROPS = [RUN1, RUN2, RUN3]
CAP1 = datetime.combine(RUN1, time(22, 30))   # latest instant used for history-load activity

HEADERS = {
    "leads": ["lead_id", "created_at", "last_modified_at", "email", "company", "country", "territory",
              "lead_source", "campaign_id", "status", "mql_at", "converted_at", "converted_opportunity_id",
              "converted_account_id", "merged_into_lead_id", "is_deleted"],
    "touches": ["touch_id", "lead_id", "occurred_at", "campaign_id", "channel", "touch_type"],
    "campaigns": ["campaign_id", "name", "channel", "start_date", "end_date", "budget", "currency"],
    "accounts": ["account_id", "name", "industry", "country", "territory", "segment", "last_modified_at",
                 "is_deleted", "domain"],
    "opportunities": ["opportunity_id", "account_id", "created_at", "last_modified_at", "close_date", "stage",
                      "amount", "currency", "is_closed", "is_won", "forecast_category", "owner_id", "territory",
                      "sales_channel", "partner_id", "lead_source", "primary_campaign_id", "is_deleted"],
    "opportunity_history": ["opportunity_id", "changed_at", "stage", "amount", "close_date", "forecast_category"],
    "orders": ["order_id", "opportunity_id", "booked_at", "currency", "list_amount", "net_amount", "quantity"],
    "partners": ["partner_id", "name", "partner_type", "margin_pct", "territory"],
    "spend": ["entry_id", "posted_date", "amount", "currency", "gl_account", "cost_center", "channel",
              "campaign_id", "vendor", "description"],
    "fx_rates": ["rate_date", "currency", "rate_to_reporting"],
}
EXTRACT_ORDER = ["leads", "touches", "campaigns", "accounts", "opportunities", "opportunity_history", "orders",
                 "partners", "spend", "fx_rates"]

# ----------------------------------------------------------------------------------------------- helpers


def wchoice(pairs):
    """Weighted choice over a dict (insertion order) or a list of (value, weight)."""
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def rand_between(lo, hi):
    if hi <= lo:
        return lo
    return lo + timedelta(seconds=rng.randint(0, int((hi - lo).total_seconds())))


def time_on(d, h0=8, h1=19):
    return datetime.combine(d, time(rng.randint(h0, h1 - 1), rng.randint(0, 59), rng.randint(0, 59)))


def qidx(d):
    return d.year * 4 + (d.month - 1) // 3


def qlabel(d):
    return "FY%d-Q%d" % (d.year, (d.month - 1) // 3 + 1)


OFFSETS = {"p1": 1, "p2": 2, "m5": -5, "p9": 9}


def pick_style():
    r = rng.random()
    if r < 0.84:
        return "Z"
    if r < 0.92:
        return "naive"
    return rng.choice(["p1", "p2", "m5", "p9"])


def fmt_ts(t, style="Z"):
    """Same instant in one of the three accepted forms; the local date shown always equals the UTC date."""
    if t is None:
        return ""
    if style == "naive":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if style in OFFSETS:
        h = OFFSETS[style]
        lt = t + timedelta(hours=h)
        if lt.date() == t.date():
            return lt.strftime("%Y-%m-%dT%H:%M:%S") + ("+" if h >= 0 else "-") + "%02d:00" % abs(h)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def pick_bool_style():
    r = rng.random()
    if r < 0.94:
        return "std"
    return rng.choice(["upper", "title", "num"])


def fmt_bool(v, style="std"):
    if style == "upper":
        return "TRUE" if v else "FALSE"
    if style == "title":
        return "True" if v else "False"
    if style == "num":
        return "1" if v else "0"
    return "true" if v else "false"


def money(c):
    """Integer cents -> plain decimal text with 2 decimals."""
    if c is None:
        return ""
    s = "-" if c < 0 else ""
    c = abs(c)
    return "%s%d.%02d" % (s, c // 100, c % 100)


def ascii_fold(s):
    s = s.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    s = s.replace("æ", "ae").replace("Æ", "AE").replace("'", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def slug(s):
    return "".join(ch for ch in ascii_fold(s).lower() if ch.isalnum() or ch == "-")


def csv_field(v):
    s = "" if v is None else str(v)
    if any(ch in s for ch in ',"\r\n') or (s and (s[0].isspace() or s[-1].isspace())):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_bytes(header, rows, bom=False):
    out = [",".join(csv_field(x) for x in header)]
    out.extend(",".join(csv_field(x) for x in r) for r in rows)
    data = ("\n".join(out) + "\n").encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def gz_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------- channels

CANON = ["webinar", "tradeshow", "paid_search", "organic_search", "email", "content", "survey", "social",
         "display", "referral", "partner", "direct_traffic", "outbound", "other"]
RAW = {
    "webinar": ["Webinar", "ON24 webcast", "Webcast", "Virtual Event"],
    "tradeshow": ["Trade Show", "Tradeshow - Dreamforce", "Tradeshow - AWS re:Invent", "Conference", "Event"],
    "paid_search": ["Google Ads", "google adwords", "Bing Ads", "PPC"],
    "organic_search": ["Organic Search", "SEO"],
    "email": ["Email", "Newsletter", "Email Nurture"],
    "content": ["Whitepaper", "Content Syndication", "eBook"],
    "survey": ["Survey"],
    "social": ["LinkedIn", "Twitter/X", "Paid Social"],
    "display": ["Display", "Banner ads", "Retargeting"],
    "referral": ["Customer Referral", "Referral"],
    "partner": ["Partner", "Partner Referral"],
    "direct_traffic": ["Direct", "Website Direct"],
    "outbound": ["Outbound", "SDR Outbound", "Cold Call"],
    "other": ["Other"],
}
# raw values a lead/touch without a campaign would carry (events without a campaign are generic)
RAW_FREE = dict(RAW)
RAW_FREE["tradeshow"] = ["Trade Show", "Event", "Conference"]
UNMAPPED_RAW = "Podcast Sponsorship"
RAW_TO_CANON = {}
for _c, _vals in RAW.items():
    for _v in _vals:
        RAW_TO_CANON[_v.strip().lower()] = _c


def canon_of(raw):
    if raw is None or raw.strip() == "":
        return None
    return RAW_TO_CANON.get(raw.strip().lower(), "unmapped")


def vary(s):
    """Messy spelling of a raw value: case changes and surrounding spaces (still maps)."""
    r = rng.random()
    if r < 0.78:
        return s
    if r < 0.86:
        return s.lower()
    if r < 0.90:
        return s.upper()
    if r < 0.95:
        return " " + s
    return s + "  "


def raw_pick(ch, free=True):
    vals = (RAW_FREE if free else RAW)[ch]
    return rng.choices(vals, weights=[len(vals) - i for i in range(len(vals))])[0]


TOUCH_TYPE = {"webinar": "webinar_attended", "tradeshow": "tradeshow_scan", "paid_search": "ad_click",
              "organic_search": "web_visit", "email": "email_click", "content": "form_fill",
              "survey": "survey_response", "social": "ad_click", "display": "ad_click", "referral": "form_fill",
              "partner": "form_fill", "direct_traffic": "web_visit", "outbound": "email_click",
              "other": "form_fill"}


def touch_type_for(ch):
    if ch == "webinar" and rng.random() < 0.3:
        return "form_fill"           # registration
    if ch == "paid_search" and rng.random() < 0.2:
        return "form_fill"
    return TOUCH_TYPE[ch]


# ----------------------------------------------------------------------------------------------- fx rates

FX_BASE = {"EUR": 1.085, "GBP": 1.268, "JPY": 0.00672}
FX_DEC = {"EUR": 6, "GBP": 6, "JPY": 8}
FX = {c: ([], []) for c in FX_BASE}          # currency -> (dates, rates)
fx_rows = {d: [] for d in DROPS}
_fx_val = dict(FX_BASE)


def _fx_add(d, drop, vol):
    for c in ("EUR", "GBP", "JPY"):
        v = _fx_val[c]
        v = v * (1 + rng.gauss(0, vol)) + 0.08 * (FX_BASE[c] - v)
        _fx_val[c] = v
        s = "%.*f" % (FX_DEC[c], v)
        FX[c][0].append(d)
        FX[c][1].append(float(s))
        fx_rows[drop].append([d.isoformat(), c, s])


_d = date(2023, 12, 25)
while _d <= RUN1:
    _fx_add(_d, RUN1, 0.007)
    _d += timedelta(days=7)
_fx_add(RUN2, RUN2, 0.002)
_fx_add(RUN3, RUN3, 0.002)


def rate_at(cur, d):
    if cur == "USD":
        return 1.0
    ds, rs = FX[cur]
    i = bisect.bisect_right(ds, d) - 1
    assert i >= 0, (cur, d)
    return rs[i]


STEP = {"USD": 100, "EUR": 100, "GBP": 100, "JPY": 10000}


def local_cents(usd, cur, d):
    v = usd / rate_at(cur, d)
    step = STEP[cur]
    return max(1, int(round(v / step))) * step * 100


def usd_of(cents, cur, d):
    return cents / 100.0 * rate_at(cur, d)


# ----------------------------------------------------------------------------------------------- reference data

COUNTRY_W = {"US": 45, "CA": 4, "GB": 10, "DE": 9, "FR": 5, "NL": 3, "SE": 2, "DK": 2, "PL": 2, "ES": 2,
             "JP": 7, "AU": 5, "SG": 2, "IN": 2}
CUR_OF = {"US": "USD", "CA": "USD", "AU": "USD", "SG": "USD", "IN": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR",
          "NL": "EUR", "ES": "EUR", "PL": "EUR", "SE": "EUR", "DK": "EUR", "JP": "JPY"}
TLD = {"US": "com", "CA": "ca", "GB": "co.uk", "DE": "de", "FR": "fr", "NL": "nl", "SE": "se", "DK": "dk",
       "PL": "pl", "ES": "es", "JP": "co.jp", "AU": "com.au", "SG": "sg", "IN": "in"}
TERRITORIES = ["NA-East", "NA-West", "EMEA", "APAC"]


def territory_of(country):
    if country == "US":
        return rng.choice(["NA-East", "NA-West"])
    if country == "CA":
        return "NA-East"
    if country in ("JP", "AU", "SG", "IN"):
        return "APAC"
    return "EMEA"


ROOTS = {
    "US": ["Summit", "Bluebird", "Pioneer", "Redwood", "Granite", "Harbor", "Lakeside", "Ironclad", "Northstar",
           "Cascade", "Keystone", "Liberty", "Sierra", "Prairie", "Beacon", "Evergreen", "Copperline"],
    "CA": ["Maple", "Laurentian", "Québec Nord", "Fraser", "Muskoka"],
    "GB": ["Thames", "Albion", "Pennine", "Cotswold", "Mersey", "Highgate"],
    "DE": ["Müller", "Schäfer", "Rhein", "Nordstern", "Bayern", "Schwarzwald", "Größmann", "Weiß"],
    "FR": ["Lumière", "Élan", "Cévennes", "Rivière", "Bérénice"],
    "NL": ["Oranje", "Delta", "Zeeland"],
    "SE": ["Åkesson", "Norrsken", "Björk"],
    "DK": ["Søren", "Østerbro", "Fjord"],
    "PL": ["Łódź", "Wisła", "Gdańsk", "Kraków"],
    "ES": ["José Peña", "Andalucía", "Peñalara"],
    "JP": ["Sakura", "Fuji", "Nippon", "Kōyō", "Hikari"],
    "AU": ["Koala", "Southern Cross", "Tasman"],
    "SG": ["Merlion", "Straits"],
    "IN": ["Ganga", "Himalaya", "Deccan"],
}
WORDS = ["Analytics", "Systems", "Logistics", "Software", "Foods", "Health", "Capital", "Energy", "Retail", "Labs",
         "Manufacturing", "Insurance", "Media", "Networks", "Robotics", "Pharma", "Motors", "Bank", "Telecom"]
LEGAL = {"US": ["Inc.", "LLC", "Corp."], "CA": ["Inc.", "Ltd."], "GB": ["Ltd", "plc"], "DE": ["GmbH", "AG"],
         "FR": ["SA", "SAS"], "NL": ["B.V."], "SE": ["AB"], "DK": ["A/S", "ApS"], "PL": ["Sp. z o.o."],
         "ES": ["S.L.", "S.A."], "JP": ["K.K.", "Co., Ltd."], "AU": ["Pty Ltd"], "SG": ["Pte. Ltd."],
         "IN": ["Pvt. Ltd."]}
INDUSTRIES = ["Software", "Financial Services", "Manufacturing", "Healthcare", "Retail", "Telecommunications",
              "Energy", "Media", "Logistics", "Education", "Public Sector"]
FIRST = ["James", "Maria", "José", "Søren", "Zoë", "Anna", "Wei", "Yuki", "Priya", "Lukas", "Emma", "Olivia", "Noah",
         "Liam", "Sofia", "Mateo", "Hannah", "Lars", "Ingrid", "Pierre", "Camille", "Giulia", "Marco", "Akira",
         "Hiroshi", "Chloe", "Aisha", "Omar", "Fatima", "Raj", "Ananya", "Jack", "Charlotte", "Tom", "Ella",
         "Michał", "Agnieszka", "Björn", "Åsa", "François", "Daniel", "Sarah", "David", "Laura", "Kevin", "Megan"]
LAST = ["Smith", "Müller", "García", "Jensen", "Kowalski", "Nowak", "Tanaka", "Suzuki", "Sato", "Brown", "Johnson",
        "Williams", "Dubois", "Martin", "Rossi", "Bianchi", "Schmidt", "Schneider", "Fischer", "Andersson",
        "Nielsen", "Hansen", "Patel", "Sharma", "O'Brien", "Murphy", "Lee", "Kim", "Chen", "Wang", "Nguyen",
        "Silva", "Santos", "Łukasiewicz", "Søndergaard", "Taylor", "Anderson", "Clark", "Lewis", "Walker"]

OWNERS = {"NA-East": ["U01", "U02", "U03"], "NA-West": ["U04", "U05", "U06"], "EMEA": ["U07", "U08", "U09"],
          "APAC": ["U10", "U11", "U12"]}

# ----------------------------------------------------------------------------------------------- partners

PARTNERS = []
for _pid, _name, _ptype, _terr, _lo, _hi in [
        ("P001", "Bluewave Resellers Inc.", "var", "NA-East", 0.20, 0.30),
        ("P002", "Nordic Channel AB", "var", "EMEA", 0.20, 0.30),
        ("P003", "Pacifica VAR Pty Ltd", "var", "APAC", 0.20, 0.30),
        ("P004", "Meridian Systems Integration LLC", "si", "NA-West", 0.10, 0.18),
        ("P005", "Kestrel Beratung GmbH", "si", "EMEA", 0.10, 0.18),
        ("P006", "Tsubasa SI K.K.", "si", "APAC", 0.10, 0.18),
        ("P007", "CloudMarket Direct Inc.", "mmr", "NA-East", 0.30, 0.40),
        ("P008", "Marketplace Europe Ltd", "mmr", "EMEA", 0.30, 0.40),
        ("P009", "Southern Cross Marketplace Pty Ltd", "mmr", "APAC", 0.30, 0.40)]:
    PARTNERS.append({"id": _pid, "name": _name, "type": _ptype, "territory": _terr,
                     "margin": round(rng.uniform(_lo, _hi), 2)})


def pick_partner(ptype, terr):
    c = [p for p in PARTNERS if p["type"] == ptype and p["territory"] == terr]
    return rng.choice(c or [p for p in PARTNERS if p["type"] == ptype])


# ----------------------------------------------------------------------------------------------- accounts

ACCOUNTS = []
_used_names = {}


def company_name(country):
    for _ in range(50):
        name = "%s %s %s" % (rng.choice(ROOTS[country]), rng.choice(WORDS), rng.choice(LEGAL[country]))
        if name not in _used_names:
            _used_names[name] = 1
            return name
    raise RuntimeError("names exhausted")


def lead_company(country):
    return "%s %s %s" % (rng.choice(ROOTS[country]), rng.choice(WORDS), rng.choice(LEGAL[country]))


def domain_of(name, country):
    base = name
    for suf in sum(LEGAL.values(), []):
        if base.endswith(" " + suf):
            base = base[: -len(suf) - 1]
    return "%s.%s" % (slug(base.replace(" ", "-")).strip("-"), TLD.get(country, "com"))


SPECIAL_ACCOUNT_NAMES = [("Smith, Jones & Co", "GB", "smithjones.co.uk"),
                         ('The "Best" Software', "US", "bestsoftware.com"),
                         ("Zoë Analytics Inc.", "US", "zoeanalytics.com")]
_used_domains = {}
for i in range(300):
    if i < len(SPECIAL_ACCOUNT_NAMES):
        name, country, dom = SPECIAL_ACCOUNT_NAMES[i]
        _used_names[name] = 1
    else:
        country = wchoice(COUNTRY_W)
        name = company_name(country)
        dom = domain_of(name, country)
        k = 2
        while dom in _used_domains:  # "Foo Inc." and "Foo LLC" are two accounts with two websites
            dom = "%s%d.%s" % (domain_of(name, country).split(".")[0], k, domain_of(name, country).split(".", 1)[1])
            k += 1
    _used_domains[dom] = 1
    ACCOUNTS.append({
        "name": name, "country": country, "territory": territory_of(country), "domain": dom,
        "industry": rng.choice(INDUSTRIES),
        "segment": wchoice({"Enterprise": 25, "Mid-Market": 40, "SMB": 35}),
        "lm": time_on(START + timedelta(days=rng.randint(0, (RUN1 - START).days))),
        "style": pick_style()})
rng.shuffle(ACCOUNTS)
for i, a in enumerate(ACCOUNTS):
    a["id"] = "A%04d" % (i + 1)
    a["currency"] = CUR_OF[a["country"]]
ACC_BY_TERR = {t: [a for a in ACCOUNTS if a["territory"] == t] for t in TERRITORIES}


# --- accounts' domain column: written as CRMs hold a website (bare, www., https://www.../), some with a second
# domain, a few empty (matched by name only), and one that claims a second account's domain too (ambiguous)
ACC_SORTED = sorted(ACCOUNTS, key=lambda a: a["id"])
AMBIGUOUS_DOMAIN = (ACC_SORTED[10]["id"], ACC_SORTED[11]["id"], ACC_SORTED[11]["domain"])


def account_domain_text(a):
    n = int(a["id"][1:])
    if n % 29 == 0:
        return ""
    dom = a["domain"]
    if n % 5 == 1:
        text = "https://www.%s/" % dom
    elif n % 5 == 2:
        text = "www.%s" % dom
    elif n % 5 == 3:
        text = dom.upper()
    else:
        text = dom
    if n % 13 == 0:
        text += ";%s.io" % dom.split(".")[0]
    if a["id"] == AMBIGUOUS_DOMAIN[0]:
        text += ";" + AMBIGUOUS_DOMAIN[2]
    return text
ACC_BY_NAME = {a["name"]: a for a in ACCOUNTS}

# ----------------------------------------------------------------------------------------------- campaigns

CAMPS = []


def add_camp(name, ch, raw, start, end, budget, cur, win=(0, 0)):
    CAMPS.append({"name": name, "ch": ch, "raw": raw, "start": start, "end": end, "budget": budget,
                  "currency": cur, "win_lo": start - timedelta(days=win[0]), "win_hi": end + timedelta(days=win[1])})


_web_titles = ["Forecasting Without Guesswork", "Pipeline Hygiene 101", "Attribution That Finance Trusts",
               "Zoë Nakamura on RevOps at Scale", "From MQL to Revenue", "The Partner Channel Playbook",
               "Board-Ready Bookings", "Q4 Planning Clinic", "Søren Lund: Data Contracts for GTM",
               "Cohort Analysis Masterclass", "The CAC Payback Debate", "AI Forecasting, a Reality Check"]
_web_dates = [date(2024, 2, 15), date(2024, 5, 16), date(2024, 8, 22), date(2024, 11, 14), date(2025, 2, 13),
              date(2025, 4, 10), date(2025, 6, 12), date(2025, 9, 18), date(2025, 11, 13), date(2026, 2, 12),
              date(2026, 5, 14), date(2026, 9, 17)]
for i, (t, d) in enumerate(zip(_web_titles, _web_dates)):
    add_camp("Webinar: %s" % t, "webinar", "Webinar" if i % 2 == 0 else "ON24 webcast", d, d,
             rng.randint(8, 20) * 1000, "USD", (21, 45))
for name, raw, s, e, b, cur in [
        ("Dreamforce 2024", "Tradeshow - Dreamforce", date(2024, 9, 17), date(2024, 9, 19), 120000, "USD"),
        ("AWS re:Invent 2024", "Tradeshow - AWS re:Invent", date(2024, 12, 2), date(2024, 12, 6), 90000, "USD"),
        ("RSA Conference 2024", "Trade Show", date(2024, 5, 6), date(2024, 5, 9), 35000, "USD"),
        ("Web Summit Lisbon 2024", "Trade Show", date(2024, 11, 11), date(2024, 11, 14), 40000, "EUR"),
        ("Hannover Messe 2025", "Trade Show", date(2025, 3, 31), date(2025, 4, 4), 60000, "EUR"),
        ("Dreamforce 2025", "Tradeshow - Dreamforce", date(2025, 10, 14), date(2025, 10, 16), 140000, "USD"),
        ("Gartner Symposium 2025", "Trade Show", date(2025, 10, 20), date(2025, 10, 23), 50000, "USD"),
        ("AWS re:Invent 2025", "Tradeshow - AWS re:Invent", date(2025, 12, 1), date(2025, 12, 5), 95000, "USD"),
        ("Tokyo IT Week 2026", "Trade Show", date(2026, 4, 15), date(2026, 4, 17), 30000, "USD"),
        ("SaaStr Annual 2026", "Trade Show", date(2026, 9, 8), date(2026, 9, 10), 55000, "USD"),
        ("Big Data LDN 2026", "Trade Show", date(2026, 9, 23), date(2026, 9, 24), 45000, "EUR")]:
    add_camp(name, "tradeshow", raw, s, e, b, cur, (0, 21))
for y in (2024, 2025, 2026):
    add_camp("Google Ads - Brand FY%d" % y, "paid_search", "Google Ads", date(y, 1, 1), date(y, 12, 31),
             60000 + 10000 * (y - 2024), "USD")
    add_camp("Google Ads - Non-Brand FY%d" % y, "paid_search", "google adwords", date(y, 1, 1), date(y, 12, 31),
             300000 + 40000 * (y - 2024), "USD")
add_camp("Bing Ads FY2025", "paid_search", "Bing Ads", date(2025, 1, 1), date(2025, 12, 31), 40000, "USD")
for y in (2024, 2025, 2026):
    add_camp("Monthly Newsletter %d" % y, "email", "Newsletter", date(y, 1, 1), date(y, 12, 31), 15000, "USD")
add_camp("Nurture - Analytics Buyers", "email", "Email", date(2024, 3, 1), date(2025, 6, 30), None, None)
add_camp("Nurture - Finance Personas", "email", "Email", date(2025, 1, 15), date(2026, 12, 31), None, None)
add_camp("Renewal Upsell Email Series", "email", "Email Nurture", date(2025, 7, 1), date(2026, 6, 30), 5000, "USD")
for name, raw, s, e, b, cur in [
        ("Whitepaper: The Revenue Ledger", "Whitepaper", date(2024, 2, 1), date(2024, 7, 31), 25000, "USD"),
        ("Content Syndication - TechTarget H1 2024", "Content Syndication", date(2024, 1, 15), date(2024, 6, 30),
         90000, "USD"),
        ("Content Syndication - TechTarget H2 2024", "Content Syndication", date(2024, 7, 1), date(2024, 12, 31),
         90000, "USD"),
        ("eBook: Forecast Accuracy Benchmarks 2025", "eBook", date(2025, 1, 6), date(2025, 6, 30), 30000, "USD"),
        ("Content Syndication - Integrate 2025", "Content Syndication", date(2025, 1, 1), date(2025, 12, 31),
         160000, "USD"),
        ("Whitepaper: Partner Economics", "Whitepaper", date(2025, 7, 1), date(2025, 12, 31), 20000, "USD"),
        ("Content Syndication - Integrate 2026", "Content Syndication", date(2026, 1, 1), date(2026, 12, 31),
         170000, "USD"),
        ("Whitepaper: Données & Revenus (FR)", "Whitepaper", date(2026, 3, 2), date(2026, 9, 30), 18000, "EUR")]:
    add_camp(name, "content", raw, s, e, b, cur)
for y in (2024, 2025, 2026):
    add_camp("State of RevOps Survey %d" % y, "survey", "Survey", date(y, 3, 1), date(y, 4, 30), 15000, "USD")
for name, raw, s, e, b, cur in [
        ("LinkedIn - CFO Audience 2024", "LinkedIn", date(2024, 1, 8), date(2024, 12, 31), 120000, "USD"),
        ("Twitter/X Promoted 2024", "Twitter/X", date(2024, 3, 1), date(2024, 10, 31), 30000, "USD"),
        ("LinkedIn - RevOps Leaders 2025", "LinkedIn", date(2025, 1, 6), date(2025, 12, 31), 140000, "EUR"),
        ("Twitter/X Promoted 2025", "Twitter/X", date(2025, 2, 1), date(2025, 6, 30), 20000, "USD"),
        ("LinkedIn - ABM Enterprise 2026", "LinkedIn", date(2026, 1, 5), date(2026, 12, 31), 150000, "USD"),
        ("Paid Social - Retargeting 2026", "Paid Social", date(2026, 4, 1), date(2026, 12, 31), None, None)]:
    add_camp(name, "social", raw, s, e, b, cur)
for name, raw, s, e, b, cur in [
        ("Banner ads - Q1/Q2 2024", "Banner ads", date(2024, 1, 8), date(2024, 6, 30), 30000, "USD"),
        ("Retargeting - Always On", "Retargeting", date(2024, 7, 1), date(2026, 12, 31), None, None),
        ("Display - Trade Desk 2025", "Display", date(2025, 1, 1), date(2025, 12, 31), 60000, "USD"),
        ("Display - Brand Awareness 2026", "Display", date(2026, 1, 1), date(2026, 12, 31), 50000, "EUR")]:
    add_camp(name, "display", raw, s, e, b, cur)
add_camp("Partner Co-Marketing FY2025", "partner", "Partner", date(2025, 1, 1), date(2025, 12, 31), 50000, "USD")
add_camp("Partner Co-Marketing FY2026", "partner", "Partner Referral", date(2026, 1, 1), date(2026, 12, 31), 60000,
         "EUR")
add_camp("Customer Referral Program", "referral", "Customer Referral", date(2024, 1, 1), date(2026, 12, 31), None,
         None)
add_camp("SDR Outbound Sequence FY2025", "outbound", "SDR Outbound", date(2025, 1, 1), date(2025, 12, 31), 40000,
         "USD")
add_camp("SDR Outbound Sequence FY2026", "outbound", "Outbound", date(2026, 1, 1), date(2026, 12, 31), 45000, "USD")
add_camp("SEO Program", "organic_search", "SEO", date(2024, 1, 1), date(2026, 12, 31), None, None)
add_camp("Swag & Misc Sponsorships", "other", "Other", date(2024, 1, 1), date(2026, 12, 31), 20000, "USD")

CAMPS.sort(key=lambda c: (c["start"], c["name"]))
for i, c in enumerate(CAMPS):
    c["id"] = "C%04d" % (i + 1)
    c["raw_out"] = vary(c["raw"])
CAMP_BY_NAME = {c["name"]: c for c in CAMPS}
CAMPS_BY_CH = {ch: [c for c in CAMPS if c["ch"] == ch] for ch in CANON}


def active_campaigns(ch, d):
    return [c for c in CAMPS_BY_CH.get(ch, []) if c["win_lo"] <= d <= c["win_hi"]]


CAMP_P = {"webinar": 0.95, "tradeshow": 0.95, "paid_search": 0.9, "email": 0.85, "content": 0.9, "survey": 0.95,
          "social": 0.85, "display": 0.8, "partner": 0.8, "referral": 0.7, "outbound": 0.6,
          "organic_search": 0.3, "other": 0.5, "direct_traffic": 0.0}

# ----------------------------------------------------------------------------------------------- leads

LEAD_CH_W = {"webinar": 13, "tradeshow": 9, "paid_search": 15, "organic_search": 12, "email": 8, "content": 12,
             "survey": 3, "social": 7, "display": 4, "referral": 4, "partner": 4, "direct_traffic": 4,
             "outbound": 4, "other": 1}
_days = [START + timedelta(days=i) for i in range((RUN1 - START).days + 1)]


def _day_w(d):
    w = 1 + 0.7 * (d - START).days / (RUN1 - START).days
    if d.weekday() >= 5:
        w *= 0.3
    if d.month == 12 and d.day > 20:
        w *= 0.5
    return w


_day_weights = [_day_w(d) for d in _days]
LEADS = []


def new_lead(created, ch=None, country=None, camp_ok=True):
    if ch is None:
        ch = wchoice(LEAD_CH_W)
    if country is None:
        country = wchoice(COUNTRY_W) if rng.random() > 0.03 else ""
    camp = None
    act = active_campaigns(ch, created.date()) if camp_ok else []
    if act and rng.random() < CAMP_P[ch]:
        camp = rng.choice(act)
    src = vary(camp["raw"] if (camp and rng.random() < 0.7) else raw_pick(ch))
    lead = {"created": created, "ch": ch, "src": src, "camp": camp, "country": country,
            "territory": territory_of(country) if country else "", "email": None, "company": None,
            "mql": None, "conv": None, "opp": None, "account": None, "status": None, "lm": None,
            "merged": None, "deleted": False, "tags": [], "style": pick_style(), "bstyle": pick_bool_style(),
            "seq": len(LEADS)}
    LEADS.append(lead)
    return lead


N_LEADS = 3000
N_SPECIAL_CONV = 6        # four quarter-lag examples + the two leads of one opportunity
N_DUP = 10
N_PODCAST = 5
generic = []
for _ in range(N_LEADS - N_SPECIAL_CONV - N_DUP - N_PODCAST):
    d = rng.choices(_days, weights=_day_weights)[0]
    generic.append(new_lead(time_on(d, 6, 22)))

# --- conversions (weighted sample without replacement, Efraimidis-Spirakis keys)
CONV_W = {"webinar": 1.2, "tradeshow": 1.5, "paid_search": 0.8, "organic_search": 0.9, "email": 0.6,
          "content": 0.7, "survey": 0.5, "social": 0.6, "display": 0.5, "referral": 2.5, "partner": 2.2,
          "direct_traffic": 1.3, "outbound": 1.6, "other": 0.5}
eligible = [l for l in generic if l["created"].date() <= RUN1 - timedelta(days=14)]
keys = sorted(((rng.random() ** (1.0 / CONV_W[l["ch"]]), l["seq"]) for l in eligible), reverse=True)
converted = [LEADS[s] for _, s in keys[:262]]
converted.sort(key=lambda l: l["seq"])
no_mql_pool = [l for l in converted if l["ch"] in ("referral", "outbound", "partner", "direct_traffic")]
NO_MQL = sorted(rng.sample(no_mql_pool, 5), key=lambda l: l["seq"])
for l in NO_MQL:
    l["tags"].append("converted_without_mql")


def mql_lag():
    if rng.random() < 0.4:
        return timedelta(minutes=rng.randint(5, 600))
    return timedelta(days=rng.randint(1, 45), minutes=rng.randint(0, 600))


conv_cap = datetime.combine(RUN1, time(20, 0))
for l in converted:
    c = l["created"]
    room = conv_cap - c
    if l in NO_MQL:
        l["conv"] = c + min(timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 500)), room)
    else:
        l["mql"] = c + min(mql_lag(), room / 2)
        room2 = conv_cap - l["mql"]
        l["conv"] = l["mql"] + min(timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 500)), room2)
    if l["territory"] == "":
        l["territory"] = rng.choice(TERRITORIES)
    acc = rng.choice(ACC_BY_TERR[l["territory"]])
    l["account"] = acc
    l["country"] = acc["country"]
    l["territory"] = acc["territory"]

for l in generic:
    if l["conv"] is None and rng.random() < 0.29:
        m = l["created"] + mql_lag()
        if m <= CAP1:
            l["mql"] = m

# --- special converted leads (explicit dates)
SPECIAL = {}


def special_lead(key, created, mql, conv, acc):
    l = new_lead(created, ch=wchoice({"webinar": 1, "tradeshow": 1, "content": 1, "paid_search": 1}),
                 country=acc["country"])
    l["style"] = "Z"
    l["territory"] = acc["territory"]
    l["mql"], l["conv"], l["account"] = mql, conv, acc
    SPECIAL[key] = l
    return l


def pick_account(terr, segment=None, currency=None, exclude=()):
    c = [a for a in ACC_BY_TERR[terr] if (segment is None or a["segment"] == segment)
         and (currency is None or a["currency"] == currency) and a["id"] not in exclude]
    return rng.choice(c)


QLAG_SPEC = [  # (quarters, lead created, mql, converted, won close date)
    (0, datetime(2025, 1, 8, 14, 10), datetime(2025, 1, 9, 9, 30), datetime(2025, 1, 21, 16, 0), date(2025, 3, 14)),
    (1, datetime(2025, 4, 3, 11, 5), datetime(2025, 4, 10, 15, 45), datetime(2025, 5, 12, 10, 20), date(2025, 8, 22)),
    (2, datetime(2025, 1, 15, 8, 40), datetime(2025, 2, 3, 13, 0), datetime(2025, 3, 3, 17, 25), date(2025, 9, 10)),
    (3, datetime(2024, 10, 7, 16, 55), datetime(2024, 10, 20, 10, 0), datetime(2025, 1, 13, 9, 10),
     date(2025, 7, 18))]
for k, cr, mq, cv, _cl in QLAG_SPEC:
    special_lead("qlag%d" % k, cr, mq, cv, pick_account(rng.choice(TERRITORIES), segment="Mid-Market"))
_two_acc = pick_account("NA-East", segment="Enterprise", currency="USD")
special_lead("two_a", datetime(2025, 9, 2, 15, 12), datetime(2025, 9, 10, 9, 3), datetime(2025, 10, 6, 15, 0),
             _two_acc)
special_lead("two_b", datetime(2025, 9, 20, 13, 40), datetime(2025, 9, 22, 8, 15), datetime(2025, 10, 20, 11, 30),
             _two_acc)

# --- podcast (unmapped source) leads
PODCAST = []
for d in (date(2025, 5, 6), date(2025, 9, 23), date(2026, 2, 17), date(2026, 6, 16), date(2026, 6, 18)):
    l = new_lead(time_on(d, 9, 18), ch="other", camp_ok=False)
    l["ch"] = None
    l["src"] = UNMAPPED_RAW
    l["camp"] = None
    l["tags"].append("unmapped_source")
    if rng.random() < 0.4:
        l["mql"] = l["created"] + mql_lag()
    PODCAST.append(l)

# --- companies and emails
_used_emails = {}


def person():
    return rng.choice(FIRST), rng.choice(LAST)


def make_email(domain):
    f, la = person()
    f, la = ascii_fold(f).lower(), ascii_fold(la).lower().replace(" ", "")
    pattern = rng.choice(["{f}.{l}", "{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{f}"])
    local = pattern.format(f=f, l=la, fi=f[0])
    e = "%s@%s" % (local, domain)
    n = 2
    while e in _used_emails:
        e = "%s%d@%s" % (local, n, domain)
        n += 1
    _used_emails[e] = 1
    return e


FREE_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "gmx.de", "hotmail.co.uk"]


def free_mail_lead(l):
    """Every 17th lead that is at no account writes from a free-mail address (never matched to an account)."""
    return l["account"] is None and l["seq"] % 17 == 5


for l in LEADS:
    if l["account"] is not None:
        acc = l["account"]
    elif rng.random() < 0.35:
        acc = rng.choice(ACC_BY_TERR[l["territory"]] if l["territory"] else ACCOUNTS)
    else:
        acc = None
    if acc is not None:
        l["company"], dom = acc["name"], acc["domain"]
    else:
        cc = l["country"] or wchoice(COUNTRY_W)
        l["company"] = lead_company(cc)
        dom = domain_of(l["company"], cc)
    if acc is None and free_mail_lead(l):
        dom = FREE_MAIL[l["seq"] % len(FREE_MAIL)]  # no tag: tags steer later draws
    l["email"] = make_email(dom)

# --- email duplicate pairs: a later lead with the same address, differing in case / surrounding spaces
_plain = [l for l in generic if l["conv"] is None and l["created"].date() <= date(2026, 8, 1)]
DUP_A = sorted(rng.sample(_plain, N_DUP), key=lambda l: l["seq"])
_variants = [lambda e: e.upper(), lambda e: " " + e, lambda e: e + " ", lambda e: e.title(),
             lambda e: " " + e.capitalize() + " ", lambda e: e.split("@")[0].title() + "@" + e.split("@")[1].upper(),
             lambda e: e.capitalize(), lambda e: "  " + e.upper(), lambda e: e.title() + " ",
             lambda e: e.replace("@", "@").upper() + "  "]
DUP_PAIRS = []
for i, a in enumerate(DUP_A):
    lo = a["created"] + timedelta(days=3)
    b = new_lead(rand_between(lo, min(a["created"] + timedelta(days=300), CAP1 - timedelta(days=2))),
                 country=a["country"] or None)
    b["company"] = a["company"]
    b["email"] = _variants[i](a["email"])
    assert b["email"] != a["email"] and b["email"].strip().lower() == a["email"]
    if rng.random() < 0.3:
        m = b["created"] + mql_lag()
        if m <= CAP1:
            b["mql"] = m
    a["tags"].append("email_dup_first")
    b["tags"].append("email_dup_second")
    DUP_PAIRS.append((a, b))

# --- odd cells on otherwise ordinary leads
_odd_pool = [l for l in generic if l["conv"] is None and not l["tags"]]


def set_country(l, cc):
    l["country"], l["territory"] = cc, territory_of(cc)


_odd = rng.sample(_odd_pool, 12)
FORMULA_LEAD = _odd[0]
FORMULA_LEAD["company"] = '=HYPERLINK("http://x","y")'
FORMULA_LEAD["tags"].append("formula_cell")
COMMA_LEAD = _odd[1]
COMMA_LEAD["company"] = "Smith, Jones & Co"
COMMA_LEAD["email"] = make_email("smithjones.co.uk")
COMMA_LEAD["tags"].append("comma_in_company")
set_country(COMMA_LEAD, "GB")
QUOTE_LEAD = _odd[2]
QUOTE_LEAD["company"] = 'The "Best" Software'
QUOTE_LEAD["email"] = make_email("bestsoftware.com")
QUOTE_LEAD["tags"].append("quote_in_company")
set_country(QUOTE_LEAD, "US")
UNICODE_EMAIL_LEADS = [_odd[3], _odd[4]]
_odd[3]["email"] = "zoë.müller@nordstern-analytics.de"
_odd[3]["company"] = "Nordstern Analytics GmbH"
_odd[4]["email"] = "søren.østergaard@fjord-systems.dk"
_odd[4]["company"] = "Fjord Systems A/S"
for l, cc in zip(UNICODE_EMAIL_LEADS, ["DE", "DK"]):
    l["tags"].append("non_ascii_email")
    set_country(l, cc)
NO_EMAIL_LEADS = _odd[5:8]
for l in NO_EMAIL_LEADS:
    l["email"] = ""
    l["tags"].append("no_email")
ACCENT_LEADS = _odd[8:12]
for l, nm, cc in zip(ACCENT_LEADS, ["Łódź Logistics Sp. z o.o.", "Café José S.L.", "Müller & Søn ApS",
                                     "Zoë Analytics Inc."], ["PL", "ES", "DK", "US"]):
    l["company"] = nm
    set_country(l, cc)
    l["tags"].append("accented_company")

# --- ids (chronological)
LEADS.sort(key=lambda l: (l["created"], l["seq"]))
for i, l in enumerate(LEADS):
    l["id"] = "L%06d" % (i + 1)
LEAD_BY_ID = {l["id"]: l for l in LEADS}

# ----------------------------------------------------------------------------------------------- opportunities

STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
OPPS = []


def fc_for(stage):
    if stage in ("Prospecting", "Qualification"):
        return "pipeline"
    if stage == "Needs Analysis":
        return "best_case" if rng.random() < 0.3 else "pipeline"
    if stage == "Proposal":
        return "best_case"
    if stage == "Negotiation":
        return "commit" if rng.random() < 0.8 else "best_case"
    if stage == "Closed Won":
        return "closed"
    return "omitted"


CYCLE = {"Enterprise": (45, 240), "Mid-Market": (25, 150), "SMB": (14, 90)}
AMOUNT_USD = {"Enterprise": (60000, 600000), "Mid-Market": (20000, 150000), "SMB": (5000, 40000)}


def sample_amount_usd(seg):
    lo, hi = AMOUNT_USD[seg]
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def new_opp(account, created, lead_source, camp, sales_channel=None, leads=()):
    if sales_channel is None:
        sales_channel = wchoice({"direct": 62, "var": 15, "si": 12, "mmr": 11})
    partner = pick_partner(sales_channel, account["territory"]) if sales_channel != "direct" else None
    o = {"account": account, "created": created, "lead_source": lead_source, "camp": camp,
         "sales_channel": sales_channel, "partner": partner, "owner": rng.choice(OWNERS[account["territory"]]),
         "territory": account["territory"], "currency": account["currency"], "events": [], "lm": None,
         "deleted": False, "leads": list(leads), "tags": [], "style": pick_style(), "bstyle": pick_bool_style(),
         "orders": [], "seq": len(OPPS)}
    OPPS.append(o)
    return o


def dedupe_times(ev):
    for i in range(1, len(ev)):
        if ev[i][0] <= ev[i - 1][0]:
            ev[i][0] = ev[i - 1][0] + timedelta(minutes=rng.randint(1, 30))


def simulate(o, outcome=None, close=None, amount_usd=None):
    seg = o["account"]["segment"]
    c0 = o["created"]
    cur = o["currency"]
    if close is None:
        close = c0.date() + timedelta(days=rng.randint(*CYCLE[seg]))
    if outcome is None:
        if close <= RUN1:
            outcome = "won" if rng.random() < 0.42 else "lost"
        else:
            outcome = "open"
    start = 0 if rng.random() < 0.8 else 1
    if outcome == "won":
        path = [start] + [i for i in (1, 2, 3) if i > start and rng.random() < 0.55]
        if rng.random() < 0.85:
            path.append(4)
        path.append(5)
    elif outcome == "lost":
        reach = max(start, rng.choices([0, 1, 2, 3, 4], weights=[20, 30, 20, 20, 10])[0])
        path = [start] + [i for i in range(start + 1, reach + 1) if i == reach or rng.random() < 0.5] + [6]
    else:
        total = max(1, (close - c0.date()).days)
        prog = (RUN1 - c0.date()).days / total
        curst = max(start, min(4, int(prog * 5)))
        path = [start] + [i for i in range(start + 1, curst + 1) if i == curst or rng.random() < 0.5]
    # stage times
    if outcome in ("won", "lost"):
        tc = time_on(close, 9, 19)
        if outcome == "won" and rng.random() < 0.1:
            tc += timedelta(days=rng.randint(1, 3))
        tc = min(tc, CAP1 - timedelta(minutes=rng.randint(30, 200)))
        mids = sorted(rand_between(c0 + timedelta(days=1), tc - timedelta(days=2)) for _ in range(len(path) - 2))
        times = [c0] + mids + [tc]
    else:
        times = [c0] + sorted(rand_between(c0 + timedelta(hours=1), CAP1 - timedelta(hours=1))
                              for _ in range(len(path) - 1))
    t_last = times[-1]
    # amount / close-date / forecast changes as separate history rows
    if amount_usd is None:
        amount_usd = sample_amount_usd(seg)
    a_final = local_cents(amount_usd, cur, c0.date())
    a0 = a_final
    extra = []
    if rng.random() < 0.35:
        a0 = local_cents(amount_usd * rng.uniform(0.7, 1.3), cur, c0.date())
        if a0 != a_final:
            extra.append("amount")
    ec0 = close
    r = rng.random()
    if r < 0.3:
        ec0 = close - timedelta(days=rng.randint(15, 75))
    elif r < 0.42:
        ec0 = close + timedelta(days=rng.randint(10, 60))
    ec0 = max(ec0, c0.date() + timedelta(days=7))
    if ec0 != close:
        extra.append("close")
    evs = [(t, "stage", STAGES[s]) for t, s in zip(times, path)]
    hi = t_last if outcome != "open" else CAP1 - timedelta(minutes=30)
    for kind in extra:
        if hi - c0 > timedelta(days=2) and rng.random() < 0.7:
            evs.append((rand_between(c0 + timedelta(hours=2), hi - timedelta(hours=2)), kind, None))
        else:   # change folded into a stage change row
            idx = rng.randint(1, len(evs) - 1) if len(evs) > 1 else None
            if idx is None:
                if kind == "amount":
                    a0 = a_final
                else:
                    ec0 = close
            else:
                evs.append((evs[idx][0], kind, None))
    if "Negotiation" in [STAGES[s] for s in path] and rng.random() < 0.25:
        tn = [t for t, s in zip(times, path) if s == 4][0]
        nxt = [t for t in times if t > tn]
        hi2 = nxt[0] if nxt else CAP1 - timedelta(minutes=10)
        if hi2 - tn > timedelta(days=2):
            evs.append((rand_between(tn + timedelta(hours=1), hi2 - timedelta(hours=1)), "commit", None))
    evs.sort(key=lambda e: (e[0], 0 if e[1] == "stage" else 1))
    state = {"stage": None, "amount": a0, "close": ec0, "fc": None}
    rows = []
    for t, kind, val in evs:
        if kind == "stage":
            state["stage"] = val
            state["fc"] = fc_for(val)
            if val in ("Closed Won", "Closed Lost"):
                state["amount"], state["close"] = a_final, close
            if val == "Negotiation" and "commit" in [e[1] for e in evs] and state["fc"] == "commit":
                state["fc"] = "best_case"
        elif kind == "amount":
            state["amount"] = a_final
        elif kind == "close":
            state["close"] = close
        elif kind == "commit":
            state["fc"] = "commit"
        row = [t, state["stage"], state["amount"], state["close"], state["fc"]]
        if rows and rows[-1][0] == t:
            rows[-1] = row
        else:
            rows.append(row)
    # an "extra" change that landed on the same value as before would give a no-op row: drop those
    clean = [rows[0]]
    for r_ in rows[1:]:
        if r_[1:] != clean[-1][1:]:
            clean.append(r_)
    if outcome == "open":
        # folded changes that never happened keep the opening values: make the final state explicit
        pass
    dedupe_times(clean)
    o["events"] = clean
    o["outcome"] = outcome
    last = clean[-1][0]
    if outcome == "open":
        o["lm"] = max(last, rand_between(datetime.combine(RUN1 - timedelta(days=40), time(8)), CAP1))
    else:
        o["lm"] = last if rng.random() < 0.7 else min(last + timedelta(days=rng.uniform(0, 20)), CAP1)
        o["lm"] = max(o["lm"], last)
    return o


def ev(t, stage, amount_c, close, fc):
    return [t, stage, amount_c, close, fc]


# --- lead-sourced opportunities (one per converted lead; the two-lead opportunity shares one)
for l in sorted([l for l in LEADS if l["conv"] is not None], key=lambda l: l["seq"]):
    if l is SPECIAL["two_b"]:
        continue
    acc = l["account"]
    if l["ch"] == "partner":
        sc = wchoice({"var": 45, "si": 25, "mmr": 30})
    else:
        sc = wchoice({"direct": 65, "var": 13, "si": 11, "mmr": 11})
    leads = [l, SPECIAL["two_b"]] if l is SPECIAL["two_a"] else [l]
    o = new_opp(acc, l["conv"], l["src"], l["camp"], sc, leads)
    l["opp"] = o
    if l is SPECIAL["two_a"]:
        SPECIAL["two_b"]["opp"] = o
        o["tags"].append("two_lead_opportunity")
        simulate(o, outcome="won", close=date(2026, 2, 20))
    elif any(l is SPECIAL.get("qlag%d" % k) for k in range(4)):
        k = [k for k in range(4) if l is SPECIAL["qlag%d" % k]][0]
        o["tags"].append("quarter_lag_%d" % k)
        o["style"] = "Z"
        simulate(o, outcome="won", close=QLAG_SPEC[k][4])
    else:
        simulate(o)

# --- sales-sourced opportunities
SALES_SRC = {"SDR Outbound": 30, "Outbound": 15, "Cold Call": 10, "Partner Referral": 12, "Customer Referral": 10,
             "Direct": 8, "Other": 3, "Trade Show": 6, "Partner": 6}


def sales_opp(created, acc=None, **kw):
    if acc is None:
        acc = rng.choice(ACCOUNTS)
    src = vary(wchoice(SALES_SRC))
    camp = None
    if canon_of(src) == "outbound" and rng.random() < 0.5:
        act = active_campaigns("outbound", created.date())
        camp = rng.choice(act) if act else None
    sc = kw.pop("sales_channel", None)
    if sc is None and canon_of(src) == "partner":
        sc = wchoice({"var": 45, "si": 25, "mmr": 30})
    return new_opp(acc, created, src, camp, sc)


N_EARLY = 6               # short-cycle deals so that the first quarter has bookings too
N_SALES_GENERIC = 450 - len([o for o in OPPS]) - 10 - N_EARLY
_sdays = [d for d in _days if d.weekday() < 5]
for _ in range(N_SALES_GENERIC):
    o = sales_opp(time_on(rng.choice(_sdays), 8, 19))
    simulate(o)
for _ in range(N_EARLY):
    o = sales_opp(time_on(rng.choice([d for d in _sdays if d <= date(2024, 2, 9)]), 8, 19),
                  pick_account(rng.choice(TERRITORIES), segment=rng.choice(["SMB", "Mid-Market"])))
    simulate(o, outcome="won" if rng.random() < 0.7 else "lost",
             close=o["created"].date() + timedelta(days=rng.randint(20, 45)))

# --- special sales-sourced opportunities with hand-written histories
def acct(terr, seg, cur):
    return pick_account(terr, segment=seg, currency=cur)


def D(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm)


def usd(x):
    return x * 100


# same-day close, surprise deal, 1.5M USD
o = sales_opp(D(2026, 9, 29, 14, 5), acct("NA-East", "Enterprise", "USD"), sales_channel="direct")
o["lead_source"], o["camp"], o["style"] = "Outbound", None, "Z"
o["events"] = [ev(D(2026, 9, 29, 14, 5), "Closed Won", usd(1500000), date(2026, 9, 29), "closed")]
o["lm"], o["outcome"] = D(2026, 9, 29, 14, 5), "won"
o["tags"].append("same_day_close")
SPECIAL["same_day"] = o

# close date pushed into a later quarter four times (still open)
o = sales_opp(D(2025, 10, 20, 10, 0), acct("EMEA", "Enterprise", "EUR"), sales_channel="direct")
o["style"] = "Z"
o["events"] = [
    ev(D(2025, 10, 20, 10, 0), "Prospecting", usd(240000), date(2025, 12, 15), "pipeline"),
    ev(D(2025, 11, 18, 9, 12), "Qualification", usd(240000), date(2025, 12, 15), "pipeline"),
    ev(D(2025, 12, 10, 16, 40), "Qualification", usd(240000), date(2026, 3, 27), "pipeline"),
    ev(D(2026, 2, 16, 11, 5), "Needs Analysis", usd(240000), date(2026, 3, 27), "best_case"),
    ev(D(2026, 3, 20, 15, 30), "Needs Analysis", usd(240000), date(2026, 6, 26), "best_case"),
    ev(D(2026, 5, 12, 10, 45), "Proposal", usd(210000), date(2026, 6, 26), "best_case"),
    ev(D(2026, 6, 22, 14, 20), "Proposal", usd(210000), date(2026, 9, 25), "best_case"),
    ev(D(2026, 9, 21, 9, 55), "Negotiation", usd(210000), date(2026, 12, 18), "commit")]
o["lm"], o["outcome"] = D(2026, 11, 10, 9, 30), "open"
o["tags"].append("close_date_pushed_x4")
SPECIAL["pushed"] = o

# stage regression (Proposal -> Qualification), then won
o = sales_opp(D(2025, 6, 3, 13, 0), acct("NA-West", None, "USD"), sales_channel="direct")
o["style"] = "Z"
o["events"] = [
    ev(D(2025, 6, 3, 13, 0), "Prospecting", usd(180000), date(2025, 10, 31), "pipeline"),
    ev(D(2025, 7, 1, 10, 15), "Needs Analysis", usd(180000), date(2025, 10, 31), "pipeline"),
    ev(D(2025, 8, 12, 16, 0), "Proposal", usd(180000), date(2025, 10, 31), "best_case"),
    ev(D(2025, 9, 9, 11, 20), "Qualification", usd(150000), date(2025, 11, 28), "pipeline"),
    ev(D(2025, 10, 14, 9, 40), "Proposal", usd(150000), date(2025, 11, 28), "best_case"),
    ev(D(2025, 11, 3, 15, 5), "Negotiation", usd(150000), date(2025, 11, 28), "commit"),
    ev(D(2025, 11, 21, 17, 30), "Closed Won", usd(150000), date(2025, 11, 21), "closed")]
o["lm"], o["outcome"] = D(2025, 11, 21, 17, 30), "won"
o["tags"].append("stage_regression")
SPECIAL["regression"] = o

# marked won 14 days after its close date
o = sales_opp(D(2026, 3, 9, 10, 30), acct("NA-East", None, "USD"), sales_channel="direct")
o["style"] = "Z"
o["events"] = [
    ev(D(2026, 3, 9, 10, 30), "Prospecting", usd(95000), date(2026, 6, 30), "pipeline"),
    ev(D(2026, 4, 14, 14, 0), "Proposal", usd(95000), date(2026, 6, 30), "best_case"),
    ev(D(2026, 5, 27, 9, 15), "Negotiation", usd(95000), date(2026, 6, 30), "commit"),
    ev(D(2026, 7, 14, 11, 0), "Closed Won", usd(95000), date(2026, 6, 30), "closed")]
o["lm"], o["outcome"] = D(2026, 7, 14, 11, 0), "won"
o["tags"].append("late_close_entry")
SPECIAL["late_entry"] = o

# amount changed after close (GBP)
o = sales_opp(D(2025, 12, 1, 9, 0), acct("EMEA", None, "GBP"), sales_channel="direct")
o["style"] = "Z"
o["events"] = [
    ev(D(2025, 12, 1, 9, 0), "Qualification", usd(100000), date(2026, 3, 31), "pipeline"),
    ev(D(2026, 1, 20, 10, 30), "Proposal", usd(100000), date(2026, 3, 31), "best_case"),
    ev(D(2026, 2, 24, 16, 10), "Negotiation", usd(100000), date(2026, 3, 31), "commit"),
    ev(D(2026, 3, 27, 15, 45), "Closed Won", usd(100000), date(2026, 3, 27), "closed"),
    ev(D(2026, 4, 10, 12, 0), "Closed Won", usd(112000), date(2026, 3, 27), "closed")]
o["lm"], o["outcome"] = D(2026, 4, 10, 12, 0), "won"
o["tags"].append("amount_changed_after_close")
SPECIAL["amount_after_close"] = o

# won with no lead and no lead_source
o = sales_opp(D(2025, 4, 7, 8, 45), acct("APAC", None, "USD"), sales_channel="direct")
o["style"] = "Z"
simulate(o, outcome="won", close=date(2025, 6, 20))
o["lead_source"], o["camp"] = None, None
o["tags"].append("won_without_source")
SPECIAL["no_source"] = o

# stale open opportunities (not modified for more than 60 days)
STALE = []
for key, cr, terr, cur, hist, lm in [
        ("stale1", D(2026, 2, 10, 9, 20), "NA-East", "USD",
         [("Prospecting", 45000, date(2026, 6, 30), "pipeline", D(2026, 2, 10, 9, 20)),
          ("Qualification", 45000, date(2026, 6, 30), "pipeline", D(2026, 4, 2, 14, 0))], D(2026, 4, 2, 14, 0)),
        ("stale2", D(2026, 3, 16, 11, 0), "EMEA", "EUR",
         [("Qualification", 80000, date(2026, 12, 15), "pipeline", D(2026, 3, 16, 11, 0)),
          ("Proposal", 80000, date(2026, 12, 15), "best_case", D(2026, 5, 20, 10, 10))], D(2026, 6, 11, 15, 30)),
        ("stale3", D(2025, 11, 4, 2, 30), "APAC", "JPY",
         [("Prospecting", 9000000, date(2026, 3, 31), "pipeline", D(2025, 11, 4, 2, 30)),
          ("Needs Analysis", 9000000, date(2026, 3, 31), "pipeline", D(2026, 1, 22, 3, 45))],
         D(2026, 2, 3, 4, 0)),
        ("stale4", D(2026, 5, 5, 16, 0), "NA-West", "USD",
         [("Prospecting", 22000, date(2026, 9, 30), "pipeline", D(2026, 5, 5, 16, 0))], D(2026, 8, 28, 17, 5))]:
    o = sales_opp(cr, acct(terr, None, cur), sales_channel="direct")
    o["style"] = "Z"
    o["events"] = [ev(t, st, usd(a), cd, fc) for st, a, cd, fc, t in hist]
    o["lm"], o["outcome"] = lm, "open"
    o["tags"].append("stale_open")
    SPECIAL[key] = o
    STALE.append(o)

OPPS.sort(key=lambda o: (o["created"], o["seq"]))
for i, o in enumerate(OPPS):
    o["id"] = "O%05d" % (i + 1)
OPP_BY_ID = {o["id"]: o for o in OPPS}


def final(o):
    return o["events"][-1]


def won(o):
    return final(o)[1] == "Closed Won"


# leads: status / last modified / converted ids
for l in LEADS:
    if l["conv"] is not None:
        l["status"] = "Converted"
    elif l["mql"] is not None:
        l["status"] = "MQL" if rng.random() < 0.75 else "Disqualified"
    else:
        l["status"] = "Open" if rng.random() < 0.8 else "Disqualified"
    base = max(t for t in (l["created"], l["mql"], l["conv"]) if t is not None)
    if rng.random() < 0.3:
        base = min(max(base, base + timedelta(days=rng.uniform(0, 30))), max(base, CAP1))
    l["lm"] = base

# ----------------------------------------------------------------------------------------------- orders

ORDERS = []
won_opps = [o for o in OPPS if won(o)]
_no_order_pool = [o for o in won_opps if not o["tags"]]
WON_NO_ORDERS = sorted(rng.sample(_no_order_pool, 4), key=lambda o: o["id"])
for o in WON_NO_ORDERS:
    o["tags"].append("won_without_orders")
UNIT_USD = {"Enterprise": 1800, "Mid-Market": 1200, "SMB": 600}


def make_order(o, booked, net_c, list_c=None, qty=None):
    cur = o["currency"]
    if list_c is None:
        if o["partner"] is not None:
            f = 1 - o["partner"]["margin"] - rng.uniform(0, 0.05)
        else:
            f = 1 - rng.uniform(0, 0.25)
        list_c = max(net_c, int(round(net_c / f)))
    if qty is None:
        qty = max(1, int(round(usd_of(list_c, cur, booked.date()) / UNIT_USD[o["account"]["segment"]])))
    rec = {"opp": o, "booked": booked, "currency": cur, "list": list_c, "net": net_c, "qty": qty,
           "style": pick_style(), "seq": len(ORDERS)}
    ORDERS.append(rec)
    o["orders"].append(rec)
    return rec


for o in won_opps:
    if o in WON_NO_ORDERS:
        continue
    close = final(o)[3]
    total = final(o)[2]
    if o is SPECIAL["same_day"]:
        make_order(o, D(2026, 9, 29, 16, 30), usd(1500000), usd(1875000), 1250)
        continue
    if o is SPECIAL["amount_after_close"]:
        make_order(o, D(2026, 3, 27, 16, 20), total)
        continue
    n = 1 if (o["tags"] or rng.random() < 0.87) else rng.choice([2, 2, 2, 3])
    step = STEP[o["currency"]] * 100
    parts = []
    rem = total
    for k in range(n - 1):
        share = rng.uniform(0.5, 0.75) if k == 0 else rng.uniform(0.4, 0.6)
        p = max(step, int(round(rem * share / step)) * step)
        p = min(p, rem - step)
        parts.append(p)
        rem -= p
    parts.append(rem)
    first_day = close + timedelta(days=0 if rng.random() < 0.8 else rng.randint(1, 3))
    first_day = min(first_day, RUN1)
    b = time_on(first_day, 9, 19)
    if o["events"][-1][0].date() == first_day:
        b = max(b, o["events"][-1][0] + timedelta(minutes=rng.randint(5, 90)))
    b = min(b, CAP1)
    for k, p in enumerate(parts):
        if k == 0:
            bk = b
        else:
            later = first_day + timedelta(days=rng.randint(20, 120) * k)
            bk = time_on(later, 9, 19) if later <= RUN1 - timedelta(days=1) else b + timedelta(minutes=10 * k)
        make_order(o, bk, p)
        if k > 0:
            o["tags"].append("multi_order") if "multi_order" not in o["tags"] else None

# ----------------------------------------------------------------------------------------------- touches

TOUCHES = []
TOUCH_CH_W = {"email": 28, "webinar": 12, "paid_search": 10, "organic_search": 10, "content": 10,
              "direct_traffic": 8, "social": 6, "display": 5, "tradeshow": 4, "survey": 2, "outbound": 3,
              "referral": 0.5, "partner": 0.5, "other": 1}
TOUCH_N_W = [8, 15, 14, 13, 12, 10, 8, 7, 5, 4, 4]


def add_touch(lead, t, ch, creation=False, camp_override="auto", ttype=None, raw=None):
    camp = None
    if camp_override == "auto":
        if creation:
            camp = lead["camp"]
        else:
            act = active_campaigns(ch, t.date())
            if act and rng.random() < 0.85:
                camp = rng.choice(act)
    else:
        camp = camp_override
    if raw is None:
        if camp is not None and rng.random() < 0.25:
            raw = ""                       # taken from the campaign
        elif creation and lead["src"] and canon_of(lead["src"]) == ch and rng.random() < 0.6:
            raw = lead["src"]
        elif camp is not None:
            raw = vary(camp["raw"] if rng.random() < 0.6 else raw_pick(ch, free=False))
        else:
            raw = vary(raw_pick(ch))
    if camp is not None and raw:
        assert canon_of(raw) == camp["ch"]
    rec = {"lead": lead, "t": t, "camp": camp, "raw": raw, "type": ttype or touch_type_for(ch), "ch": ch,
           "style": pick_style(), "seq": len(TOUCHES)}
    TOUCHES.append(rec)
    return rec


T_START = datetime.combine(START, time(0, 0))
for l in LEADS:
    o = l["opp"]
    if l in PODCAST:
        n, creation = rng.randint(0, 3), False
    elif o is not None:
        n, creation = rng.randint(2, 10), rng.random() < 0.9
    else:
        n = rng.choices(range(11), weights=TOUCH_N_W)[0]
        creation = n > 0 and rng.random() < 0.85
    if o is not None and won(o):
        end = datetime.combine(final(o)[3], time(0, 0)) - timedelta(hours=rng.randint(1, 30))
    else:
        end = CAP1
    created = l["created"]
    if creation and l["ch"] is not None:
        add_touch(l, created, l["ch"], creation=True)
        n -= 1
    for _ in range(max(0, n)):
        if rng.random() < 0.07:
            t = rand_between(max(T_START, created - timedelta(days=30)), created - timedelta(minutes=5))
            add_touch(l, t, wchoice({"organic_search": 3, "direct_traffic": 2, "paid_search": 1}),
                      camp_override=None, ttype="web_visit")
            continue
        if o is not None:
            t = rand_between(created + timedelta(minutes=10), end)
        else:
            t = created + timedelta(days=rng.expovariate(1 / 50.0), minutes=rng.randint(1, 600))
            if t > end:
                t = rand_between(created + timedelta(minutes=10), end)
        ch = wchoice(TOUCH_CH_W)
        if o is not None and rng.random() < 0.15:
            ch = "outbound"
        add_touch(l, t, ch)

TOUCHES.sort(key=lambda x: (x["t"], x["seq"]))
for i, x in enumerate(TOUCHES):
    x["id"] = "T%07d" % (i + 1)
TOUCHES1 = list(TOUCHES)      # the history load's touches (incremental ones are appended later)

# ----------------------------------------------------------------------------------------------- spend

SPEND = []


def cents_between(lo, hi, round_to=1):
    c = rng.randint(lo, hi) * 100
    if round_to > 1:
        c = (c // (round_to * 100)) * round_to * 100
    if rng.random() < 0.4:
        c += rng.randint(1, 99)
    return c


def add_spend(posted, amount_c, cur, gl, cc, raw, camp, vendor, desc, tags=()):
    if posted is None or posted < START or posted > RUN1:
        return None
    rec = {"posted": posted, "amount": amount_c, "currency": cur, "gl": gl, "cc": cc, "raw": raw, "camp": camp,
           "vendor": vendor, "desc": desc, "tags": list(tags), "seq": len(SPEND)}
    SPEND.append(rec)
    return rec


def camp_line(camp, raw_default, p_raw=0.5):
    """channel cell of a campaign-related ledger line: sometimes named, sometimes left to the campaign."""
    return vary(raw_default) if rng.random() < p_raw else ""


def months():
    y, m = 2024, 1
    while date(y, m, 1) <= RUN1:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def mday(y, m, lo, hi):
    d = date(y, m, min(rng.randint(lo, hi), 28))
    return d if d <= RUN1 else None


def active_by(pred, d):
    c = [x for x in CAMPS if pred(x) and x["start"] <= d <= x["end"]]
    return c[0] if c else None


for y, m in months():
    first = date(y, m, 1)
    ym = "%d-%02d" % (y, m)
    c = active_by(lambda x: "Non-Brand" in x["name"], first)
    add_spend(mday(y, m, 2, 6), cents_between(14000, 38000), "USD", "6120-Digital Advertising", "CC-410 Demand Gen",
              camp_line(c, "Google Ads"), c, "Google Ireland Ltd", "Google Ads %s - non-brand search" % ym)
    c = active_by(lambda x: "- Brand FY" in x["name"], first)
    add_spend(mday(y, m, 2, 6), cents_between(3000, 8000), "USD", "6120-Digital Advertising", "CC-430 Brand",
              camp_line(c, "google adwords"), c, "Google Ireland Ltd", "Google Ads %s - brand search" % ym)
    c = active_by(lambda x: x["name"].startswith("Bing"), first)
    if c:
        add_spend(mday(y, m, 3, 8), cents_between(1500, 4000), "USD", "6120-Digital Advertising",
                  "CC-410 Demand Gen", camp_line(c, "Bing Ads"), c, "Microsoft Advertising",
                  "Microsoft Advertising %s - search" % ym)
    c = active_by(lambda x: x["name"].startswith("LinkedIn"), first)
    cur = "EUR" if (c and c["currency"] == "EUR") else "USD"
    add_spend(mday(y, m, 4, 10), cents_between(8000, 20000), cur, "6120-Digital Advertising", "CC-430 Brand",
              camp_line(c, "LinkedIn") if c else vary("LinkedIn"), c, "LinkedIn Ireland Unlimited Co",
              "LinkedIn sponsored content %s" % ym)
    c = active_by(lambda x: x["name"].startswith("Twitter/X"), first)
    if c:
        add_spend(mday(y, m, 4, 12), cents_between(2000, 6000), "USD", "6120-Digital Advertising", "CC-430 Brand",
                  camp_line(c, "Twitter/X"), c, "X Corp", "X promoted posts %s" % ym)
    c = active_by(lambda x: x["name"].startswith("Paid Social"), first)
    if c:
        add_spend(mday(y, m, 4, 12), cents_between(2500, 7000), "USD", "6120-Digital Advertising",
                  "CC-410 Demand Gen", camp_line(c, "Paid Social"), c, "Meta Platforms Ireland Ltd",
                  "Paid social retargeting %s" % ym)
    for c in [x for x in CAMPS_BY_CH["display"] if x["start"] <= first <= x["end"] or
              (x["start"].year == y and x["start"].month == m)]:
        vendor = "The Trade Desk Inc" if "Trade Desk" in c["name"] or "Brand" in c["name"] else "AdRoll Inc"
        cur = c["currency"] or "USD"
        add_spend(mday(y, m, 5, 15), cents_between(3000, 10000), cur, "6120-Digital Advertising", "CC-430 Brand",
                  camp_line(c, c["raw"], 0.4), c, vendor, "%s - %s" % (c["name"], ym))
    for c in [x for x in CAMPS_BY_CH["content"] if "Syndication" in x["name"] and x["start"] <= first <= x["end"]]:
        vendor = "TechTarget Inc" if "TechTarget" in c["name"] else "Integrate Inc"
        add_spend(mday(y, m, 8, 20), cents_between(8000, 22000), "USD", "6130-Content", "CC-410 Demand Gen",
                  camp_line(c, "Content Syndication"), c, vendor, "Lead syndication program %s" % ym)
    add_spend(mday(y, m, 1, 1), {2024: 480000, 2025: 520000, 2026: 560000}[y], "USD", "6200-Marketing Software",
              "CC-400 Marketing Ops", "", None, "HubSpot Inc", "HubSpot Marketing Hub Enterprise - %s" % ym)
    add_spend(mday(y, m, 25, 28), 750000, "GBP", "6300-Agency Fees", "CC-430 Brand", "", None,
              "Brightside Creative Ltd", "Creative agency retainer %s" % ym)
    add_spend(mday(y, m, 10, 15), cents_between(2500, 4000), "EUR", "6300-Agency Fees", "CC-440 EMEA Marketing",
              vary(rng.choice(["SEO", "Organic Search"])), None, "Suchmaschinen Werk GmbH", "SEO retainer %s" % ym)
    c = active_by(lambda x: x["name"].startswith("Monthly Newsletter"), first)
    add_spend(mday(y, m, 1, 5), cents_between(900, 1500), "USD", "6200-Marketing Software", "CC-410 Demand Gen",
              camp_line(c, "Newsletter"), c, "Mailchimp", "Newsletter sends %s" % ym)
    add_spend(mday(y, m, 20, 28), cents_between(1000, 6000), rng.choice(["USD", "USD", "EUR", "GBP"]),
              "6150-Travel & Entertainment", "CC-420 Field Marketing", "", None, "Amex GBT",
              "Field marketing T&E %s" % ym)
    add_spend(mday(y, m, 12, 22), cents_between(1500, 4000), "USD", "6130-Content", "CC-410 Demand Gen",
              vary("Whitepaper"), None, "Upwork Global Inc", "Freelance content writers %s" % ym)
    if m % 2 == 0:
        add_spend(mday(y, m, 5, 25), cents_between(1000, 3000), rng.choice(["USD", "EUR"]), "6110-Events",
                  "CC-420 Field Marketing", vary(rng.choice(["Event", "Trade Show"])), None, "Meetup sponsorships",
                  "Local RevOps meetup sponsorship %s" % ym)
    if m in (1, 4, 7, 10):
        c = active_by(lambda x: x["ch"] == "outbound", first)
        add_spend(mday(y, m, 1, 10), 1200000, "USD", "6200-Marketing Software", "CC-410 Demand Gen",
                  camp_line(c, "SDR Outbound", 0.7) if c else vary("SDR Outbound"), c, "ZoomInfo Technologies",
                  "ZoomInfo contact data - quarterly")
        c = CAMP_BY_NAME["Customer Referral Program"]
        add_spend(mday(y, m, 10, 25), cents_between(1000, 3000), "USD", "6100-Marketing", "CC-410 Demand Gen",
                  camp_line(c, "Customer Referral"), c, "Tremendous Inc", "Referral reward gift cards Q%d %d" %
                  ((m - 1) // 3 + 1, y))
        c = CAMP_BY_NAME["Swag & Misc Sponsorships"]
        add_spend(mday(y, m, 10, 25), cents_between(2000, 5000), "USD", "6100-Marketing", "CC-430 Brand",
                  camp_line(c, "Other"), c, "Printful Inc", "Swag order Q%d %d" % ((m - 1) // 3 + 1, y))
        c = active_by(lambda x: x["ch"] == "partner", first)
        if c:
            p = rng.choice(PARTNERS)
            add_spend(mday(y, m, 15, 28), cents_between(5000, 15000), c["currency"], "6100-Marketing",
                      "CC-450 Partner Marketing", camp_line(c, "Partner"), c, p["name"],
                      "Partner MDF payout Q%d %d" % ((m - 1) // 3 + 1, y))

for c in CAMPS:
    cur = c["currency"] or "USD"
    if c["ch"] == "webinar":
        add_spend(c["start"] - timedelta(days=14), cents_between(5000, 9000), "USD", "6110-Events",
                  "CC-410 Demand Gen", camp_line(c, c["raw"]), c, "ON24 Inc", "%s - platform fee" % c["name"])
        if rng.random() < 0.4:
            add_spend(c["start"] - timedelta(days=10), cents_between(1500, 4000), "USD", "6120-Digital Advertising",
                      "CC-410 Demand Gen", "", c, "LinkedIn Ireland Unlimited Co",
                      "%s - promotion" % c["name"])
    elif c["ch"] == "tradeshow":
        b = c["budget"] * 100
        emea = cur == "EUR"
        add_spend(c["start"] - timedelta(days=60), int(b * 0.4), cur, "6110-Events",
                  "CC-440 EMEA Marketing" if emea else "CC-420 Field Marketing", camp_line(c, c["raw"]), c,
                  "Messe Organisation GmbH" if emea else "Show Management LLC", "%s - booth space" % c["name"])
        if c["name"] != "Big Data LDN 2026":
            add_spend(c["start"] - timedelta(days=7), int(b * 0.25) + rng.randint(0, 99), cur, "6110-Events",
                      "CC-440 EMEA Marketing" if emea else "CC-420 Field Marketing", camp_line(c, c["raw"]), c,
                      "Freeman", "%s - booth build and rigging" % c["name"])
        add_spend(c["end"] + timedelta(days=7), int(b * 0.15) + rng.randint(0, 99), cur,
                  "6150-Travel & Entertainment", "CC-420 Field Marketing", "", c, "Amex GBT",
                  "%s - team travel" % c["name"])
    elif c["ch"] == "survey":
        add_spend(c["start"], cents_between(6000, 12000), "USD", "6100-Marketing", "CC-430 Brand",
                  camp_line(c, "Survey"), c, "Qualtrics LLC", "%s - research panel" % c["name"])
        add_spend(c["end"] + timedelta(days=5), cents_between(1000, 2500), "USD", "6100-Marketing", "CC-430 Brand",
                  "", c, "Tremendous Inc", "%s - respondent incentives" % c["name"])
    elif c["ch"] == "content" and "Syndication" not in c["name"]:
        add_spend(c["start"] + timedelta(days=10), cents_between(6000, 15000), cur, "6130-Content",
                  "CC-430 Brand", camp_line(c, c["raw"]), c, "Brightside Creative Ltd",
                  "%s - production" % c["name"])

PODCAST_SPEND = add_spend(date(2026, 6, 15), 750000, "USD", "6100-Marketing", "CC-430 Brand", UNMAPPED_RAW, None,
                          "RevOps Radio LLC", "Podcast sponsorship - 6 episodes", ["unmapped_channel"])
NEWLINE_SPEND = add_spend(date(2026, 11, 20), int(CAMP_BY_NAME["Big Data LDN 2026"]["budget"] * 100 * 0.25) + 37,
                          "EUR", "6110-Events", "CC-440 EMEA Marketing", "", CAMP_BY_NAME["Big Data LDN 2026"],
                          "Freeman", "Booth build and rigging - Big Data LDN 2026\nFinal invoice, incl. late fee",
                          ["embedded_newline"])

# credits / reversals of earlier lines (about 5% of lines)
_orig = [s for s in SPEND if s["posted"] <= RUN1 - timedelta(days=50) and not s["tags"]]
REVERSALS = []
for s in sorted(rng.sample(_orig, 30), key=lambda s: s["seq"]):
    pd_ = s["posted"] + timedelta(days=rng.randint(5, 45))
    full = rng.random() < 0.6
    amt = -s["amount"] if full else -max(100, int(round(s["amount"] * rng.uniform(0.05, 0.3))))
    r = add_spend(pd_, amt, s["currency"], s["gl"], s["cc"], s["raw"], s["camp"], s["vendor"], None,
                  ["reversal" if full else "credit"])
    r["orig"] = s
    REVERSALS.append(r)

SPEND.sort(key=lambda s: (s["posted"], s["seq"]))
for i, s in enumerate(SPEND):
    s["id"] = "JE%06d" % (i + 1)
for r in REVERSALS:
    if "reversal" in r["tags"]:
        r["desc"] = "Reversal of %s - %s" % (r["orig"]["id"], rng.choice(
            ["duplicate invoice", "posted to wrong cost center", "invoice cancelled by vendor"]))
    else:
        r["desc"] = "Credit note against %s - %s" % (r["orig"]["id"], rng.choice(
            ["make-good for under-delivered impressions", "volume rebate", "event cancellation refund"]))

# ----------------------------------------------------------------------------------------------- incremental drops

RUN_TS = {RUN2: lambda h, m: datetime.combine(RUN2, time(h, m)), RUN3: lambda h, m: datetime.combine(RUN3, time(h, m))}
INC = {RUN2: {"leads": [], "touches": [], "opps": [], "hist": [], "orders": [], "spend": []},
       RUN3: {"leads": [], "touches": [], "opps": [], "hist": [], "orders": [], "spend": []}}
_taken = set()


def free_lead(pred):
    c = [l for l in LEADS if pred(l) and l["id"] not in _taken and not l["tags"] and l["opp"] is None]
    l = c[rng.randrange(len(c))]
    _taken.add(l["id"])
    return l


def free_opp(*preds):
    for pred in preds:
        c = [o for o in OPPS if pred(o) and o["id"] not in _taken and not o["tags"]]
        if c:
            break
    o = c[rng.randrange(len(c))]
    _taken.add(o["id"])
    return o


def lead_copy(l):
    n = dict(l)
    n["tags"] = list(l["tags"])
    return n


def opp_copy(o):
    n = dict(o)
    n["events"] = [list(e) for e in o["events"]]
    n["tags"] = list(o["tags"])
    return n


next_lead = [len(LEADS)]
next_touch = [len(TOUCHES)]
next_opp = [len(OPPS)]
next_order = [len(ORDERS)]
next_spend = [len(SPEND)]
INC_SPECIAL = {}

for run, n_new in ((RUN2, 46), (RUN3, 37)):
    inc = INC[run]
    # new leads created that day
    new = []
    for _ in range(n_new):
        t = time_on(run, 6, 22)
        l = new_lead(t)
        l["style"] = "Z" if rng.random() < 0.9 else "naive"
        new.append(l)
    new.sort(key=lambda l: (l["created"], l["seq"]))
    for l in new:
        next_lead[0] += 1
        l["id"] = "L%06d" % next_lead[0]
        acc = rng.choice(ACCOUNTS) if rng.random() < 0.3 else None
        if acc:
            l["company"], dom = acc["name"], acc["domain"]
        else:
            cc = l["country"] or "US"
            l["company"] = lead_company(cc)
            dom = domain_of(l["company"], cc)
        l["email"] = make_email(dom)
        if rng.random() < 0.3:
            l["mql"] = l["created"] + timedelta(minutes=rng.randint(5, 90))
            if l["mql"].date() != run:
                l["mql"] = None
        l["status"] = "MQL" if l["mql"] else "Open"
        l["lm"] = l["mql"] or l["created"]
        LEAD_BY_ID[l["id"]] = l
        inc["leads"].append(l)
    # touches of new leads and of existing open leads, that day
    day_t = []
    for l in new:
        day_t.append(add_touch(l, l["created"], l["ch"], creation=True))
        if rng.random() < 0.3:
            day_t.append(add_touch(l, l["created"] + timedelta(minutes=rng.randint(3, 60)), "direct_traffic",
                                   camp_override=None, ttype="web_visit"))
    old = [l for l in LEADS[:3000] if l["opp"] is None and not l["tags"] and l["status"] != "Disqualified"]
    for l in rng.sample(old, 40):
        ch = wchoice(TOUCH_CH_W)
        day_t.append(add_touch(l, time_on(run, 7, 21), ch))
    inc["touches"] = day_t
    # new spend lines
    for vendor, gl, raw, cname, lo, hi, cur in [
            ("Google Ireland Ltd", "6120-Digital Advertising", "Google Ads", "Google Ads - Non-Brand FY2026", 900,
             2500, "USD"),
            ("LinkedIn Ireland Unlimited Co", "6120-Digital Advertising", "", "LinkedIn - ABM Enterprise 2026",
             600, 1800, "USD"),
            ("Integrate Inc", "6130-Content", "Content Syndication", None, 2000, 6000, "USD"),
            ("Amex GBT", "6150-Travel & Entertainment", "", None, 300, 1200, rng.choice(["EUR", "GBP"]))][
            : 4 if run == RUN2 else 3]:
        c = CAMP_BY_NAME[cname] if cname else None
        rec = {"posted": run, "amount": cents_between(lo, hi), "currency": cur, "gl": gl, "cc": "CC-410 Demand Gen",
               "raw": raw, "camp": c, "vendor": vendor, "tags": [], "seq": 0,
               "desc": "%s - daily accrual %s" % (vendor, run.isoformat())}
        inc["spend"].append(rec)

# -- drop 2 specials
ts2 = RUN_TS[RUN2]
l = free_lead(lambda l: l["mql"] is None and l["status"] == "Open" and l["email"] and
              date(2026, 10, 1) <= l["created"].date() <= date(2026, 11, 20))
n = lead_copy(l)
n["mql"], n["status"], n["lm"] = ts2(10, 12), "MQL", ts2(10, 12)
INC[RUN2]["leads"].append(n)
INC_SPECIAL["lead_mql_update"] = (l, n)

l = free_lead(lambda l: l["created"].date() < date(2026, 9, 1) and l["email"])
late = add_touch(l, datetime(2026, 10, 28, 16, 5), "webinar", camp_override=CAMP_BY_NAME[
    "Webinar: AI Forecasting, a Reality Check"], ttype="webinar_attended", raw="ON24 webcast")
late["style"] = "Z"
INC[RUN2]["touches"].append(late)
INC_SPECIAL["late_touch"] = (l, late)


def opp_update(run, o, t, stage=None, amount=None, close=None, fc=None):
    n = opp_copy(o)
    e = list(final(o))
    e[0] = t
    if stage:
        e[1] = stage
        e[4] = fc or {"Closed Won": "closed", "Closed Lost": "omitted"}.get(stage, e[4])
    if amount is not None:
        e[2] = amount
    if close is not None:
        e[3] = close
    if fc and not stage:
        e[4] = fc
    n["events"].append(e)
    n["lm"] = t
    INC[run]["opps"].append(n)
    INC[run]["hist"].append((n, e))
    return n


def is_open(o):
    return final(o)[1] not in ("Closed Won", "Closed Lost")


o = free_opp(lambda o: is_open(o) and final(o)[1] in ("Negotiation", "Proposal") and o["currency"] == "USD")
n = opp_update(RUN2, o, ts2(15, 20), "Closed Won", close=RUN2)
ordr = {"opp": n, "booked": ts2(16, 5), "currency": n["currency"], "net": final(n)[2], "style": "Z"}
ordr["list"] = int(round(ordr["net"] / (1 - (n["partner"]["margin"] if n["partner"] else 0.1) - 0.02)))
ordr["qty"] = max(1, int(round(usd_of(ordr["list"], "USD", RUN2) / UNIT_USD[n["account"]["segment"]])))
INC[RUN2]["orders"].append(ordr)
INC_SPECIAL["won_d2"] = (o, n, ordr)

o = free_opp(lambda o: is_open(o) and final(o)[1] in ("Qualification", "Needs Analysis"))
nxt = STAGES[STAGES.index(final(o)[1]) + 1]
INC_SPECIAL["advance_d2"] = (o, opp_update(RUN2, o, ts2(11, 40), nxt, fc=fc_for(nxt)))
o = free_opp(lambda o: is_open(o) and final(o)[1] == "Proposal")
INC_SPECIAL["amount_d2"] = (o, opp_update(RUN2, o, ts2(13, 5), amount=int(final(o)[2] * 1.15) // 10000 * 10000))

# -- drop 3 specials
ts3 = RUN_TS[RUN3]
m0 = free_lead(lambda l: l["created"].date() < date(2025, 6, 1) and l["email"] and l["status"] != "Disqualified")
m1 = free_lead(lambda l: l["created"] > m0["created"] + timedelta(days=90) and l["email"] and
               l["country"] == m0["country"] and l["created"].date() < date(2026, 6, 1))
n = lead_copy(m1)
n["merged"], n["lm"] = m0["id"], ts3(9, 45)
INC[RUN3]["leads"].append(n)
INC_SPECIAL["merge"] = (m1, m0, n)

dl = free_lead(lambda l: l["status"] == "Disqualified" and l["created"].date() < date(2026, 1, 1))
n = lead_copy(dl)
n["deleted"], n["lm"] = True, ts3(10, 30)
INC[RUN3]["leads"].append(n)
INC_SPECIAL["lead_delete"] = (dl, n)

cl = free_lead(lambda l: l["status"] == "MQL" and date(2026, 8, 1) <= l["created"].date() <= date(2026, 11, 10)
               and l["territory"] != "")
acc = l_acc = rng.choice(ACC_BY_TERR[cl["territory"]])
pre = add_touch(cl, ts3(9, 5), "outbound", camp_override=CAMP_BY_NAME["SDR Outbound Sequence FY2026"],
                ttype="email_click", raw="SDR Outbound")
INC[RUN3]["touches"].append(pre)
next_opp[0] += 1
no = {"id": "O%05d" % next_opp[0], "account": acc, "created": ts3(14, 0), "lead_source": cl["src"],
      "camp": cl["camp"], "sales_channel": "direct", "partner": None, "owner": rng.choice(OWNERS[acc["territory"]]),
      "territory": acc["territory"], "currency": acc["currency"], "lm": ts3(14, 0), "deleted": False,
      "leads": [cl], "tags": ["converted_in_drop3"], "style": "Z", "bstyle": "std", "orders": []}
no["events"] = [[ts3(14, 0), "Qualification", local_cents(85000, acc["currency"], RUN3), date(2027, 3, 26),
                 "pipeline"]]
OPP_BY_ID[no["id"]] = no
INC[RUN3]["opps"].append(no)
INC[RUN3]["hist"].append((no, no["events"][0]))
n = lead_copy(cl)
n["status"], n["conv"], n["opp"], n["account"], n["lm"] = "Converted", ts3(14, 0), no, acc, ts3(14, 0)
INC[RUN3]["leads"].append(n)
INC_SPECIAL["convert_d3"] = (cl, n, no)

od = free_opp(lambda o: is_open(o) and not o["leads"] and o["lm"].date() >= date(2026, 10, 15))
n = opp_copy(od)
n["deleted"], n["lm"] = True, ts3(11, 15)
INC[RUN3]["opps"].append(n)
INC_SPECIAL["opp_delete"] = (od, n)

o = free_opp(lambda o: is_open(o) and final(o)[1] == "Negotiation" and o["partner"] is not None,
             lambda o: is_open(o) and final(o)[1] in ("Proposal", "Negotiation") and o["partner"] is not None)
n = opp_update(RUN3, o, ts3(16, 45), "Closed Won", close=RUN3)
ordr = {"opp": n, "booked": ts3(17, 30), "currency": n["currency"], "net": final(n)[2], "style": "Z"}
ordr["list"] = int(round(ordr["net"] / (1 - n["partner"]["margin"] - 0.03)))
ordr["qty"] = max(1, int(round(usd_of(ordr["list"], n["currency"], RUN3) / UNIT_USD[n["account"]["segment"]])))
INC[RUN3]["orders"].append(ordr)
INC_SPECIAL["won_d3"] = (o, n, ordr)

o = free_opp(lambda o: is_open(o) and final(o)[1] in ("Proposal", "Needs Analysis"))
INC_SPECIAL["lost_d3"] = (o, opp_update(RUN3, o, ts3(12, 25), "Closed Lost"))

# spend reversal in drop 3 of an earlier history-load line
_rv = [s for s in SPEND if s["posted"] >= date(2026, 10, 1) and not s["tags"] and s["amount"] > 0][0]
INC[RUN3]["spend"].append({"posted": RUN3, "amount": -_rv["amount"], "currency": _rv["currency"], "gl": _rv["gl"],
                           "cc": _rv["cc"], "raw": _rv["raw"], "camp": _rv["camp"], "vendor": _rv["vendor"],
                           "desc": "Reversal of %s - posted to wrong cost center" % _rv["id"], "tags": ["reversal"],
                           "seq": 0})
INC_SPECIAL["spend_reversal_d3"] = _rv

# ids for incremental touches / orders / spend, in time order within each drop
for run in (RUN2, RUN3):
    inc = INC[run]
    inc["touches"].sort(key=lambda x: (x["t"], x["seq"]))
    for x in inc["touches"]:
        next_touch[0] += 1
        x["id"] = "T%07d" % next_touch[0]
    inc["orders"].sort(key=lambda x: x["booked"])
    for x in inc["orders"]:
        next_order[0] += 1
        x["id"] = "ORD%05d" % next_order[0]
    for x in inc["spend"]:
        next_spend[0] += 1
        x["id"] = "JE%06d" % next_spend[0]

ORDERS.sort(key=lambda r: (r["booked"], r["seq"]))
for i, r in enumerate(ORDERS):
    r["id"] = "ORD%05d" % (i + 1)

# ----------------------------------------------------------------------------------------------- rows


def lead_row(l):
    s = l["style"]
    return [l["id"], fmt_ts(l["created"], s), fmt_ts(l["lm"], s), l["email"], l["company"], l["country"],
            l["territory"], l["src"] or "", l["camp"]["id"] if l["camp"] else "", l["status"], fmt_ts(l["mql"], s),
            fmt_ts(l["conv"], s), l["opp"]["id"] if l["opp"] else "", l["account"]["id"] if (l["account"] and
                                                                                               l["opp"]) else "",
            l["merged"] or "", fmt_bool(l["deleted"], l["bstyle"])]


def touch_row(x):
    return [x["id"], x["lead"]["id"], fmt_ts(x["t"], x["style"]), x["camp"]["id"] if x["camp"] else "", x["raw"],
            x["type"]]


def opp_row(o):
    e = final(o)
    b = o["bstyle"]
    closed = e[1] in ("Closed Won", "Closed Lost")
    return [o["id"], o["account"]["id"], fmt_ts(o["created"], o["style"]), fmt_ts(o["lm"], o["style"]),
            e[3].isoformat(), e[1], money(e[2]), o["currency"], fmt_bool(closed, b),
            fmt_bool(e[1] == "Closed Won", b), e[4], o["owner"], o["territory"], o["sales_channel"],
            o["partner"]["id"] if o["partner"] else "", o["lead_source"] or "", o["camp"]["id"] if o["camp"] else "",
            fmt_bool(o["deleted"], b)]


def hist_row(o, e):
    return [o["id"], fmt_ts(e[0], o["style"]), e[1], money(e[2]), e[3].isoformat(), e[4]]


def order_row(r):
    return [r["id"], r["opp"]["id"], fmt_ts(r["booked"], r["style"]), r["currency"], money(r["list"]),
            money(r["net"]), str(r["qty"])]


def spend_row(s):
    return [s["id"], s["posted"].isoformat(), money(s["amount"]), s["currency"], s["gl"], s["cc"], s["raw"],
            s["camp"]["id"] if s["camp"] else "", s["vendor"], s["desc"]]


def budget_of(c):
    return money(c["budget"] * 100) if c["budget"] else ""


drop1 = {
    "leads": [lead_row(l) for l in LEADS[:3000]],
    "touches": [touch_row(x) for x in TOUCHES1],
    "campaigns": [[c["id"], c["name"], c["raw_out"], c["start"].isoformat(), c["end"].isoformat(), budget_of(c),
                   c["currency"] or ""] for c in CAMPS],
    "accounts": [[a["id"], a["name"], a["industry"], a["country"], a["territory"], a["segment"],
                  fmt_ts(a["lm"], a["style"]), "false", account_domain_text(a)]
                 for a in sorted(ACCOUNTS, key=lambda a: a["id"])],
    "opportunities": [opp_row(o) for o in OPPS],
    "opportunity_history": [hist_row(o, e) for o in OPPS for e in o["events"]],
    "orders": [order_row(r) for r in ORDERS],
    "partners": [[p["id"], p["name"], p["type"], "%.2f" % p["margin"], p["territory"]] for p in PARTNERS],
    "spend": [spend_row(s) for s in SPEND],
    "fx_rates": sorted(fx_rows[RUN1]),
}

# ----------------------------------------------------------------------------------------------- bad rows (drop 1)

BAD = []   # (extract, part-or-None, index in data rows, row, id, reason, note)


def some_lead(pred=lambda l: True):
    c = [l for l in LEADS[:3000] if pred(l) and not l["tags"] and l["opp"] is None]
    return c[rng.randrange(len(c))]


_bl = some_lead()
_bad_lead = lead_row(dict(_bl, id="L009901", created=None, email=make_email("badrow-example.com"),
                          lm=datetime(2026, 5, 4, 12, 0), style="Z", bstyle="std"))
_bad_lead[1] = ""
BAD.append(("leads", None, 1234, _bad_lead, "L009901", "missing_required", "created_at is empty"))

_tl = some_lead()
BAD.append(("touches", 1, 2500, ["T9900001", _tl["id"], "2025-13-45T10:00:00Z", "", "Email", "email_click"],
            "T9900001", "bad_timestamp", "occurred_at 2025-13-45T10:00:00Z"))
_tl2 = some_lead()
BAD.append(("touches", 2, 4000, ["T9900002", _tl2["id"], "2025-06-11T14:22:00Z", "", "Organic Search", "web_visit",
                                 "utm_source=google"], "T9900002", "malformed_row",
            "7 fields instead of 6 (extra trailing value)"))


def bad_opp(oid, **over):
    base = [o for o in OPPS if won(o) and not o["tags"]][0]
    b = opp_copy(base)
    b["id"], b["style"], b["bstyle"] = oid, "Z", "std"
    row = opp_row(b)
    for k, v in over.items():
        row[HEADERS["opportunities"].index(k)] = v
    return row


BAD.append(("opportunities", None, 60, bad_opp("O09901", close_date="31/12/2025"), "O09901", "bad_date",
            "close_date 31/12/2025"))
BAD.append(("opportunities", None, 150, bad_opp("O09902", is_won="yes"), "O09902", "bad_boolean", "is_won yes"))
BAD.append(("opportunities", None, 260, bad_opp("O09903", sales_channel="telepathy", partner_id=""), "O09903",
            "invalid_value", "sales_channel telepathy"))
BAD.append(("opportunities", None, 370, bad_opp("O09904", forecast_category="maybe"), "O09904", "invalid_value",
            "forecast_category maybe"))
_bo = [r for r in ORDERS if not r["opp"]["tags"]]
BAD.append(("orders", None, 40, ["ORD09901", _bo[10]["opp"]["id"], "2025-03-03T10:00:00Z", _bo[10]["currency"],
                                  "13000.00", "12,5O0.00", "10"], "ORD09901", "bad_decimal",
            'net_amount "12,5O0.00"'))
BAD.append(("orders", None, 90, ["ORD09902", _bo[40]["opp"]["id"], "2025-08-19T15:30:00Z", _bo[40]["currency"],
                                  "8400.00", "7560.00", "two"], "ORD09902", "bad_integer", "quantity two"))
BAD.append(("orders", None, 140, ["ORD09903", _bo[80]["opp"]["id"], "2026-02-02T09:10:00Z", _bo[80]["currency"],
                                   "3600.00", "3240.00", "-3"], "ORD09903", "negative_quantity", "quantity -3"))
BAD.append(("spend", None, 150, ["JE009901", "2024-11-05", "4200.00", "XYZ", "6100-Marketing", "CC-430 Brand",
                                 "Display", "", "AdRoll Inc", "Display retargeting top-up"], "JE009901",
            "unknown_currency", "currency XYZ"))
BAD.append(("spend", None, 400, ["JE009902", "2025-09-12", "10.123", "USD", "6100-Marketing", "CC-410 Demand Gen",
                                 "", "", "Stripe Payments", "Card processing fee"], "JE009902", "bad_decimal",
            "amount 10.123 (3 decimals)"))

# touches split into two gzip parts
_half = len(drop1["touches"]) // 2
touch_parts = {1: drop1["touches"][:_half], 2: drop1["touches"][_half:]}
BAD_LOC = []
for ext, part, idx, row, rid, reason, note in sorted(BAD, key=lambda b: (b[0], b[1] or 0, -b[2])):
    target = touch_parts[part] if ext == "touches" else drop1[ext]
    target.insert(idx, row)
for ext, part, idx, row, rid, reason, note in BAD:
    fname = ("touches-%04d.csv.gz" % part) if ext == "touches" else ext + ".csv"
    target = touch_parts[part] if ext == "touches" else drop1[ext]
    line = target.index(row) + 2
    BAD_LOC.append((fname, line, rid, reason, note))
BAD_LOC.sort()

# ----------------------------------------------------------------------------------------------- write

FILES = {}   # relative path -> bytes


def put(rel, data):
    FILES[rel] = data


d1 = "data-samples/landing/%s" % RUN1.isoformat()
for ext in EXTRACT_ORDER:
    if ext == "touches":
        for part in (1, 2):
            put("%s/touches-%04d.csv.gz" % (d1, part), gz_bytes(csv_bytes(HEADERS["touches"], touch_parts[part])))
    else:
        put("%s/%s.csv" % (d1, ext), csv_bytes(HEADERS[ext], drop1[ext], bom=(ext == "accounts")))

COUNTS = {RUN1: {}, RUN2: {}, RUN3: {}}
COUNTS[RUN1] = {ext: len(drop1[ext]) for ext in EXTRACT_ORDER if ext != "touches"}
COUNTS[RUN1]["touches"] = len(touch_parts[1]) + len(touch_parts[2])

for run in (RUN2, RUN3):
    inc = INC[run]
    dd = "data-samples/landing/%s" % run.isoformat()
    rows = {
        "leads": sorted(lead_row(l) for l in inc["leads"]),
        "touches": sorted(touch_row(x) for x in inc["touches"]),
        "opportunities": sorted(opp_row(o) for o in inc["opps"]),
        "opportunity_history": sorted(hist_row(o, e) for o, e in inc["hist"]),
        "orders": sorted(order_row(r) for r in inc["orders"]),
        "spend": sorted(spend_row(s) for s in inc["spend"]),
        "fx_rates": sorted(fx_rows[run]),
    }
    for ext, rs in rows.items():
        put("%s/%s.csv" % (dd, ext), csv_bytes(HEADERS[ext], rs))
        COUNTS[run][ext] = len(rs)

# ----------------------------------------------------------------------------------------------- channels.conf

conf = ["# Raw source text -> canonical marketing channel. Matching is case-insensitive and ignores surrounding spaces.",
        "# A raw value that is listed nowhere becomes `unmapped` and is reported in the run's data-quality output.",
        "channels {"]
for ch in CANON:
    conf.append("  %s = [%s]" % (ch, ", ".join('"%s"' % v for v in RAW[ch])))
conf.append("}")
put("conf/channels.conf", ("\n".join(conf) + "\n").encode("utf-8"))

# ----------------------------------------------------------------------------------------------- sanity checks

lead_channels = {}
for l in LEADS[:3000]:
    lead_channels[canon_of(l["src"])] = lead_channels.get(canon_of(l["src"]), 0) + 1
touch_channels = {}
for x in TOUCHES1:
    c = canon_of(x["raw"]) if x["raw"] else x["camp"]["ch"]
    touch_channels[c] = touch_channels.get(c, 0) + 1
for ch in CANON:
    assert lead_channels.get(ch, 0) > 0 and touch_channels.get(ch, 0) > 0, ch
assert lead_channels.get("unmapped") == N_PODCAST and "unmapped" not in touch_channels
for o in OPPS:
    e = o["events"]
    assert all(e[i][0] < e[i + 1][0] for i in range(len(e) - 1)), o["id"]
    assert o["lm"] >= e[-1][0] and o["lm"] <= datetime.combine(RUN1, time(23, 59, 59)), o["id"]
    assert o["created"] == e[0][0]
for x in TOUCHES1:
    o = x["lead"]["opp"]
    if o is not None and won(o):
        assert x["t"].date() < final(o)[3], (x["id"], o["id"])
    assert x["t"] <= datetime.combine(RUN1, time(23, 59, 59))
for r in ORDERS:
    assert r["list"] >= r["net"] > 0 and r["qty"] > 0 and r["booked"].date() <= RUN1
    assert won(r["opp"])
# special cases present and unique
same_day = [o for o in OPPS if won(o) and o["created"].date() == final(o)[3] and
            usd_of(final(o)[2], o["currency"], final(o)[3]) >= 100000]
assert same_day == [SPECIAL["same_day"]], [o["id"] for o in same_day]


def pushes(o):
    return sum(1 for a, b in zip(o["events"], o["events"][1:]) if qidx(b[3]) > qidx(a[3]))


def regressions(o):
    return sum(1 for a, b in zip(o["events"], o["events"][1:]) if STAGES.index(b[1]) < STAGES.index(a[1]))


assert [o for o in OPPS if pushes(o) >= 3] == [SPECIAL["pushed"]]
assert [o for o in OPPS if regressions(o)] == [SPECIAL["regression"]]
_late = []
for o in OPPS:
    w = [e for e in o["events"] if e[1] == "Closed Won"]
    if w and (w[0][0].date() - w[0][3]).days > 7:
        _late.append(o)
assert _late == [SPECIAL["late_entry"]], [o["id"] for o in _late]
_aac = []
for o in OPPS:
    w = [i for i, e in enumerate(o["events"]) if e[1] in ("Closed Won", "Closed Lost")]
    if w and any(e[2] != o["events"][w[0]][2] for e in o["events"][w[0]:]):
        _aac.append(o)
assert _aac == [SPECIAL["amount_after_close"]]
assert [o for o in OPPS if won(o) and not o["leads"] and not o["lead_source"]] == [SPECIAL["no_source"]]
_stale = [o for o in OPPS if final(o)[1] not in ("Closed Won", "Closed Lost") and
          (RUN1 - o["lm"].date()).days > 60]
assert _stale == sorted(STALE, key=lambda o: o["id"]), [o["id"] for o in _stale]
for k, cr, mq, cv, cl in QLAG_SPEC:
    l = SPECIAL["qlag%d" % k]
    assert qidx(final(l["opp"])[3]) - qidx(l["created"].date()) == k and won(l["opp"])

# ----------------------------------------------------------------------------------------------- README


def fmt_counts():
    exts = EXTRACT_ORDER
    out = ["| extract | %s | %s | %s |" % tuple(d.isoformat() for d in DROPS), "|---|---:|---:|---:|"]
    for ext in exts:
        cells = []
        for d in DROPS:
            if ext in COUNTS[d]:
                nb = sum(1 for b in BAD if b[0] == ext) if d == RUN1 else 0
                cells.append("%d" % COUNTS[d][ext] + (" (%d bad)" % nb if nb else ""))
            else:
                cells.append("—")
        out.append("| %s | %s |" % (ext, " | ".join(cells)))
    return "\n".join(out)


def ids(objs):
    return ", ".join(x["id"] for x in objs)


won_multi = [o for o in OPPS if len(o["orders"]) >= 2]
won_cnt = len([o for o in OPPS if won(o)])
conv_leads = [l for l in LEADS[:3000] if l["conv"] is not None]
mql_leads = [l for l in LEADS[:3000] if l["mql"] is not None]
sp = SPECIAL
s_same = sp["same_day"]
mg = INC_SPECIAL["merge"]
lines = []
A = lines.append
A("# Glengarry sample drops")
A("")
A("Synthetic but realistic raw extracts for Glengarry, following `/work/shared/spec/EXTRACTS.md` (docs: "
  "`EXTRACTS.md` / `METRICS.md` in the shared spec). Everything here is **generated**; do not edit by hand.")
A("")
A("## Regenerate")
A("")
A("```")
A("python3 data-samples/generate_samples.py")
A("```")
A("")
A("Stdlib-only Python 3.11, seeded with `random.Random(%d)`; no wall-clock time, gzip with `mtime=0`, rows sorted, "
  "`\\n` line endings. Two runs give byte-identical files. The generator also writes `conf/channels.conf` "
  "and this README (ids below are computed, so they stay stable as long as the generator is unchanged)." % SEED)
A("")
A("## Drops")
A("")
A("- `landing/2026-11-24/` — history load, 2024-01-01 .. 2026-11-24 (12 calendar fiscal quarters, "
  "FY2024-Q1 .. FY2026-Q4), all ten extracts. `touches` comes as two gzip parts `touches-0001.csv.gz` and "
  "`touches-0002.csv.gz` (each with its header); `accounts.csv` starts with a UTF-8 BOM; everything else is "
  "plain UTF-8 `<extract>.csv`. It holds all the bad rows (see below).")
A("- `landing/2026-11-25/` and `landing/2026-11-26/` — incremental drops: only records created or modified that "
  "day (`last_modified_at` / `changed_at` / `booked_at` / `posted_date` / `rate_date` on that date), plus one "
  "late-arriving touch. `campaigns`, `accounts` and `partners` are absent from them (a missing optional extract "
  "is allowed: nothing changed).")
A("")
A("Data rows per file (header not counted; the bad rows are included in the count):")
A("")
A(fmt_counts())
A("")
A("Shape of the history load: %d leads (%d with `mql_at` = %.0f%%, %d converted = %.1f%%), %d opportunities "
  "(%d from converted leads, %d sales-sourced), %d won / %d lost / %d open, %d orders on %d won opportunities, "
  "%d spend lines (%d credits/reversals), %d weekly rates per currency."
  % (len(LEADS[:3000]), len(mql_leads), 100.0 * len(mql_leads) / 3000, len(conv_leads), 100.0 * len(conv_leads) / 3000,
     len(OPPS), len([o for o in OPPS if o["leads"]]), len([o for o in OPPS if not o["leads"]]), won_cnt,
     len([o for o in OPPS if final(o)[1] == "Closed Lost"]), len([o for o in OPPS if not final(o)[1].startswith("Closed")]),
     len(ORDERS), len({id(r["opp"]): 1 for r in ORDERS}), len(SPEND), len(REVERSALS), len(fx_rows[RUN1]) // 3))
A("")
A("## Conventions in the data")
A("")
A("- Timestamps: mostly `2026-03-04T17:20:00Z`; some records use `2026-03-04 17:20:00` (no offset, read as UTC) "
  "or an offset form such as `2026-03-04T18:20:00+01:00`. All forms of one record denote the UTC instant the "
  "generator chose, and the local date shown always equals the UTC date. Dates are `YYYY-MM-DD`. This README "
  "quotes timestamps in the `Z` form; the file may show the same instant in another form.")
A("- Booleans are mostly `true`/`false`; a few records use `TRUE`/`True`/`1`/`0`.")
A("- Amounts are in the record's own currency (USD, EUR, GBP, JPY) with 2 decimals; `fx_rates` has weekly "
  "Monday rates from 2023-12-25 (EUR ~1.08, GBP ~1.27, JPY ~0.0067) and, in each incremental drop, that day's "
  "rates. USD has no rows (the reporting currency converts at 1).")
A("- Raw channel strings (`lead_source`, touch `channel`, campaign `channel`) vary in case and surrounding spaces; "
  "`conf/channels.conf` maps them to the 14 canonical channels. A touch with an empty `channel` takes its "
  "campaign's channel. Every canonical channel occurs on leads and on touches.")
A("- Ids are chronological: `L000001` is the earliest lead, `T0000001` the earliest touch, and so on. Bad rows use "
  "ids from a separate range (`L0099xx`, `T99000xx`, `O099xx`, `ORD099xx`, `JE0099xx`).")
A("- Accounts and their buying committees: `accounts.domain` holds the account's website as CRMs keep it (`acme.com`, "
  "`www.acme.com`, `https://www.acme.com/`, upper case), a few with a second domain (`;`), every 29th empty (such an "
  "account matches leads by company name only). Besides the converted leads, about a third of the other leads work "
  "at an account (its company name, an address at its domain) and never convert: the committee that account-scope "
  "attribution credits. Every 17th lead at no account writes from a free-mail address (gmail.com, yahoo.com, ...: "
  "never matched by domain). Account %s also lists the domain of account %s, so that account's leads are "
  "ambiguous by domain (a data-quality row each, no match)." % AMBIGUOUS_DOMAIN[:2])
A("- Opportunity history: the first row of an opportunity is at its `created_at`; the last row equals the "
  "opportunity's current stage / amount / close_date / forecast_category. `last_modified_at` may be later than "
  "the last history row (edits of untracked fields).")
A("- Touches of leads whose opportunity was won all occur before the close date.")
A("- Orders: `booked_at` on or a few days after the close date (add-on orders later); `list_amount >= "
  "net_amount`; for partner deals net ≈ list × (1 − margin − small discount).")
A("")
A("## Special records")
A("")
A("| case | ids | details |")
A("|---|---|---|")


def row(case, ids_, details):
    A("| %s | %s | %s |" % (case, ids_, details.replace("|", "\\|")))


row("same-day close + surprise deal", "%s (order %s)" % (s_same["id"], s_same["orders"][0]["id"]),
    "1500000.00 USD, created and Closed Won on 2026-09-29 (%s), account %s, one history row (already Closed "
    "Won, never `commit`); order 1500000.00 net / 1875000.00 list booked 2026-09-29" % (qlabel(date(2026, 9, 29)),
                                                                                       s_same["account"]["id"]))
row("close date pushed ≥ 3 times", sp["pushed"]["id"],
    "open, EUR; close_date moved 2025-12-15 → 2026-03-27 → 2026-06-26 → 2026-09-25 → 2026-12-18 (4 pushes into a "
    "later quarter)")
row("stage regression", sp["regression"]["id"], "Proposal → Qualification on 2025-09-09, then won 2025-11-21")
row("late close entry", sp["late_entry"]["id"], "close_date 2026-06-30, marked Closed Won 2026-07-14 (14 days later)")
row("amount changed after close", sp["amount_after_close"]["id"],
    "GBP; Closed Won 2026-03-27 at 100000.00, amount 112000.00 on 2026-04-10 (order net 112000.00)")
row("won without source", sp["no_source"]["id"], "won 2025-06-20, no converted lead, empty lead_source")
row("stale open (> 60 days unmodified)", ids(sorted(STALE, key=lambda o: o["id"])),
    "last_modified_at %s" % ", ".join(o["lm"].date().isoformat() for o in sorted(STALE, key=lambda o: o["id"])))
row("two converted leads, one opportunity", "%s ← %s, %s" % (sp["two_a"]["opp"]["id"], sp["two_a"]["id"],
                                                          sp["two_b"]["id"]),
    "primary lead %s (earliest created); won 2026-02-20" % sp["two_a"]["id"])
for k in range(4):
    l = sp["qlag%d" % k]
    row("won %d quarter(s) after lead creation" % k, "%s → %s" % (l["id"], l["opp"]["id"]),
        "lead created %s (%s), won %s (%s)" % (l["created"].date(), qlabel(l["created"].date()), final(l["opp"])[3],
                                                qlabel(final(l["opp"])[3])))
row("converted without MQL", ids(sorted(NO_MQL, key=lambda l: l["id"])),
    "status Converted, empty mql_at (skipped prospect stage)")
row("email duplicate pairs (same person)", "; ".join("%s = %s" % (a["id"], b["id"]) for a, b in
                                                      sorted(DUP_PAIRS, key=lambda p: p[0]["id"])),
    "second lead's email differs only in case / surrounding spaces; survivor is the first id of each pair")
row("leads without email", ids(sorted(NO_EMAIL_LEADS, key=lambda l: l["id"])),
    "empty email = null; never equal to each other")
row("non-ASCII email", ids(sorted(UNICODE_EMAIL_LEADS, key=lambda l: l["id"])), "e.g. `zoë.müller@…`")
row("unmapped lead source", ids(sorted(PODCAST, key=lambda l: l["id"])), "lead_source `Podcast Sponsorship`")
row("unmapped spend channel", PODCAST_SPEND["id"], "channel `Podcast Sponsorship`, 7500.00 USD, 2026-06-15")
row("formula cell", FORMULA_LEAD["id"], "company `=HYPERLINK(\"http://x\",\"y\")`; otherwise a valid row")
row("comma / quotes in company", "%s, %s" % (COMMA_LEAD["id"], QUOTE_LEAD["id"]),
    "`Smith, Jones & Co`, `The \"Best\" Software` (also account names %s, %s)" % (
        ACC_BY_NAME["Smith, Jones & Co"]["id"], ACC_BY_NAME['The "Best" Software']["id"]))
row("accented companies", ids(sorted(ACCENT_LEADS, key=lambda l: l["id"])), "Łódź, José, Müller & Søn, Zoë …")
row("won without orders", ids(WON_NO_ORDERS), "revenue falls back to the opportunity amount")
row("won with 2-3 orders", ids(sorted(won_multi, key=lambda o: o["id"])), "add-on orders")
row("spend with embedded newline", NEWLINE_SPEND["id"], "description spans two lines inside quotes")
row("spend credits / reversals", "%d lines, e.g. %s" % (len(REVERSALS), ids(sorted(REVERSALS, key=lambda s: s["id"])[:3])),
    "negative amounts; description names the original entry")
l, n = INC_SPECIAL["lead_mql_update"]
row("lead update (2026-11-25)", l["id"], "re-sent with mql_at %s, status MQL" % fmt_ts(n["mql"]))
l, t = INC_SPECIAL["late_touch"]
row("late-arriving touch (2026-11-25)", "%s for %s" % (t["id"], l["id"]),
    "occurred_at %s, arrives in the 2026-11-25 drop" % fmt_ts(t["t"]))
o, n, r = INC_SPECIAL["won_d2"]
row("won in drop 2026-11-25", "%s (order %s)" % (o["id"], r["id"]), "%s → Closed Won, close_date 2026-11-25" %
    final(o)[1])
o, n = INC_SPECIAL["advance_d2"]
row("stage change in drop 2026-11-25", o["id"], "%s → %s" % (final(o)[1], final(n)[1]))
o, n = INC_SPECIAL["amount_d2"]
row("amount change in drop 2026-11-25", o["id"], "%s → %s %s" % (money(final(o)[2]), money(final(n)[2]),
                                                                o["currency"]))
m1, m0, n = INC_SPECIAL["merge"]
row("lead merge (2026-11-26)", "%s → %s" % (m1["id"], m0["id"]), "%s re-sent with merged_into_lead_id %s" %
    (m1["id"], m0["id"]))
l, n = INC_SPECIAL["lead_delete"]
row("deleted lead (2026-11-26)", l["id"], "re-sent with is_deleted=true")
o, n = INC_SPECIAL["opp_delete"]
row("deleted opportunity (2026-11-26)", o["id"], "open opportunity re-sent with is_deleted=true")
l, n, no = INC_SPECIAL["convert_d3"]
row("lead converted in drop 2026-11-26", "%s → %s" % (l["id"], no["id"]), "new opportunity, one history row")
o, n, r = INC_SPECIAL["won_d3"]
row("won in drop 2026-11-26", "%s (order %s)" % (o["id"], r["id"]), "partner deal (%s), %s → Closed Won, "
    "close_date 2026-11-26" % (o["partner"]["id"], final(o)[1]))
o, n = INC_SPECIAL["lost_d3"]
row("lost in drop 2026-11-26", o["id"], "%s → Closed Lost" % final(o)[1])
_rvi = [s for s in INC[RUN3]["spend"] if "reversal" in s["tags"]][0]
row("spend reversal in drop 2026-11-26", "%s reverses %s" % (_rvi["id"], INC_SPECIAL["spend_reversal_d3"]["id"]),
    "amount %s %s" % (money(_rvi["amount"]), _rvi["currency"]))
A("")
A("## Bad rows (quarantine cases)")
A("")
A("All in the history load; each is an additional row (no interesting case depends on it) and every file stays "
  "under 3% bad rows. Line numbers count the header as line 1 (no multi-line record precedes any of them, so "
  "physical line = record number + 1).")
A("")
A("| file | line | id | reason | what is wrong |")
A("|---|---:|---|---|---|")
for fname, line, rid, reason, note in BAD_LOC:
    A("| %s | %d | %s | `%s` | %s |" % (fname, line, rid, reason, note.replace("|", "\\|")))
A("")
A("## channels.conf")
A("")
A("`conf/channels.conf` lists, per canonical channel, the raw spellings used here. `Podcast Sponsorship` is "
  "deliberately listed nowhere (→ `unmapped`).")
A("")
put("data-samples/README.md", ("\n".join(lines)).encode("utf-8"))

# ----------------------------------------------------------------------------------------------- flush to disk

if os.path.isdir(LANDING):
    shutil.rmtree(LANDING)
for rel in sorted(FILES):
    p = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(FILES[rel])
print("wrote %d files, %d bytes" % (len(FILES), sum(len(v) for v in FILES.values())))
