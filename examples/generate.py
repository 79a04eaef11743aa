#!/usr/bin/env python3
# ruff: noqa: E501  (long lines are Norwegian prose in string literals)
"""Generate the invented example corpus for planscan.

Run:  /work/venv/bin/python examples/generate.py

Writes short, invented Norwegian (bokmål) municipal plan excerpts as PDF (fpdf2)
and DOCX (python-docx) into ``examples/<Municipality>/<file>`` next to this
script, overwriting earlier output. The corpus reproduces the June 2018 matrix
("Planstatus juni 2018") of the report on boligsosiale hensyn i kommunal
planlegging (Sortland, Vågan, Fauske, Vefsn). The plans that were new at the end
of the project (chapter 4, 2021) go to ``examples/2021/<Municipality>/<file>``, a
plan set with its own plans.yaml. The municipality names are real; every word of
content, every number and every date is invented.

The output is deterministic: fixed creation dates and metadata in the PDFs,
fixed core properties and zip timestamps in the DOCX files, no randomness.

Usage:
    generate.py            write the corpus
    generate.py --stats    write the corpus and print pages and term counts per document
    generate.py --lines    also print the estimated lines per DOCX page (overflow check)
"""

from __future__ import annotations

import datetime
import io
import math
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
FICTION = "Oppdiktet eksempel – ikke en vedtatt plan"
FIXED_DT = datetime.datetime(2018, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
ZIP_DT = (2018, 6, 1, 12, 0, 0)
AUTHOR = "planscan examples"

# ---------------------------------------------------------------------------
# Block model. A document is a title, some subtitle lines and a list of pages;
# a page is a list of blocks. Both writers render the same model.
# ---------------------------------------------------------------------------


def H1(t):
    return ("h1", t)


def H2(t):
    return ("h2", t)


def P(t):
    return ("p", t)


def B(*items):
    return ("bullets", list(items))


def C(t):
    """Caption / source line under or above a table (small italic)."""
    return ("caption", t)


def T(header, rows, widths=None, align=None):
    return ("table", header, rows, widths, align)


def HY(*lines):
    """Pre-broken lines, rendered one PDF line each (keeps an end-of-line hyphen)."""
    return ("hyph", list(lines))


def n(x: int | float) -> str:
    """Norwegian number format: thousands separated by space, minus as '-'."""
    if isinstance(x, float) and not x.is_integer():
        s = f"{x:,.1f}".replace(",", " ").replace(".", ",")
    else:
        s = f"{int(round(x)):,}".replace(",", " ")
    return s


# ---------------------------------------------------------------------------
# Municipalities (real names, invented facts)
# ---------------------------------------------------------------------------

AGE_GROUPS = ["0–5 år", "6–15 år", "16–66 år", "67–79 år", "80 år og over"]

MUNIS = {
    "Sortland": {
        "name": "Sortland",
        "key": "Sortland",
        "folder": "Sortland",
        "label": "Sortland kommune",
        "region": "Vesterålen",
        "centre": "Sortland",
        "sentrum": "Sortland sentrum",
        "street": "Strandgata",
        "places": ["Holmstad", "Maurnes", "Sigerfjord", "Strand", "Kleiva", "Blokken"],
        "riksvei": "E10",
        "fv": "fv. 820",
        "sea": "Sortlandssundet",
        "ages": (720, 1280, 6750, 1230, 490),
        "growth": (0.97, 0.95, 0.98, 1.34, 1.55),
        "visjon": "Sortland – den blå byen i Vesterålen",
        "oppvekst_visjon": "Trygge barn – gode voksne",
        "naering": (
            "Sortland er handels- og servicesenter i Vesterålen. Havbruk, fiskeindustri, transport og "
            "offentlig sektor, med blant annet Kystvakten, er de største arbeidsplassene. Handelsnæringen "
            "er under press fra netthandel, mens havbruksnæringen har behov for flere fagarbeidere."
        ),
        "lowinc": 8.1,
        "lowinc_f": 9.6,
        "inv": [
            ("Ny barneskole i Sortland sentrum", (18000, 62000, 54000, 0)),
            ("Rehabilitering av Sortland sykehjem", (6500, 12000, 0, 0)),
            ("Omsorgsboliger Holmstad (12 enheter)", (2000, 21000, 9000, 0)),
            ("Vann og avløp Strand og Maurnes", (9500, 8000, 7500, 6000)),
            ("Gang- og sykkelvei langs fv. 820", (3000, 4500, 0, 0)),
            ("IKT-investeringer", (2500, 2500, 2500, 2500)),
        ],
    },
    "Vagan": {
        "name": "Vågan",
        "key": "Vagan",
        "folder": "Vågan",
        "label": "Vågan kommune",
        "region": "Lofoten",
        "centre": "Svolvær",
        "sentrum": "Svolvær sentrum",
        "street": "Vestfjordgata",
        "places": ["Kabelvåg", "Henningsvær", "Gimsøy", "Laupstad", "Digermulen", "Skrova"],
        "riksvei": "E10",
        "fv": "fv. 816",
        "sea": "Vestfjorden",
        "ages": (650, 1150, 6200, 1140, 460),
        "growth": (0.98, 0.96, 0.99, 1.30, 1.50),
        "visjon": "Vågan – der Lofoten lever hele året",
        "oppvekst_visjon": "Lek, læring og mestring for alle",
        "naering": (
            "Reiselivet er sammen med fiskeri og sjømatindustri de viktigste næringene i Vågan. Antall "
            "gjestedøgn har økt med over 40 prosent de siste fem årene, og sesongvariasjonene er store. Det er "
            "behov for flere helårsarbeidsplasser og bedre samordning mellom reiselivet og fiskeriene, "
            "som konkurrerer om de samme arealene i havnene."
        ),
        "lowinc": 7.2,
        "lowinc_f": 9.6,
        "inv": [
            ("Svolvær skole – ombygging og utvidelse", (12000, 35000, 28000, 0)),
            ("Nytt sykehjem i Kabelvåg", (8000, 45000, 60000, 20000)),
            ("Infrastruktur nytt boligfelt i Kabelvåg", (4000, 9000, 0, 0)),
            ("Vannverk Henningsvær", (6000, 11000, 3000, 0)),
            ("Ny brannstasjon i Svolvær", (0, 4000, 18000, 15000)),
            ("Kommunale kaianlegg", (2500, 2500, 2000, 2000)),
        ],
    },
    "Fauske": {
        "name": "Fauske",
        "key": "Fauske",
        "folder": "Fauske",
        "label": "Fauske kommune",
        "region": "Salten",
        "centre": "Fauske",
        "sentrum": "Fauske sentrum",
        "street": "Storgata",
        "places": ["Sulitjelma", "Valnesfjord", "Finneid", "Erikstad", "Hauan", "Klungset"],
        "riksvei": "E6",
        "fv": "rv. 80",
        "sea": "Skjerstadfjorden",
        "ages": (640, 1110, 6230, 1270, 550),
        "growth": (0.95, 0.93, 0.97, 1.28, 1.52),
        "visjon": "Fauske – midt i Salten",
        "oppvekst_visjon": "Alle barn skal lykkes",
        "naering": (
            "Fauske har en variert næringsstruktur med handel, transport, bergverk, kraftproduksjon og "
            "offentlig tjenesteyting. Kommunens plassering ved E6 og riksvei 80, med jernbane og kort vei "
            "til Bodø, gir gode muligheter for logistikk og nye etableringer. Nedleggelsen av gruvedriften "
            "har fortsatt betydning for Sulitjelma, hvor folketallet går ned."
        ),
        "lowinc": 9.0,
        "lowinc_f": 9.6,
        "inv": [
            ("Vestmyra skole – utvidelse", (9000, 26000, 12000, 0)),
            ("Fauske omsorgssenter – 16 nye plasser", (5000, 30000, 38000, 0)),
            ("Boligfelt Erikstad – vei, vann og avløp", (3500, 7000, 4000, 0)),
            ("Vann og avløp Valnesfjord", (7000, 9000, 6000, 4000)),
            ("Sulitjelma – opprusting av kommunale bygg", (2000, 3000, 3000, 0)),
            ("Trafikksikkerhetstiltak", (1500, 1500, 1500, 1500)),
        ],
    },
    "Vefsn": {
        "name": "Vefsn",
        "key": "Vefsn",
        "folder": "Vefsn",
        "label": "Vefsn kommune",
        "region": "Helgeland",
        "centre": "Mosjøen",
        "sentrum": "Mosjøen sentrum",
        "street": "Sjøgata",
        "places": ["Halsøy", "Kulstad", "Drevvatn", "Elsfjord", "Olderskog", "Skjerva"],
        "riksvei": "E6",
        "fv": "fv. 78",
        "sea": "Vefsnfjorden",
        "ages": (860, 1530, 8420, 1740, 750),
        "growth": (0.97, 0.95, 0.98, 1.30, 1.53),
        "visjon": "Vefsn – framtidsrettet og raus",
        "oppvekst_visjon": "Sammen skaper vi en god oppvekst",
        "naering": (
            "Vefsn er et regionalt senter på Helgeland med industri, handel og offentlig tjenesteyting. "
            "Aluminiumsverket i Mosjøen er den største private arbeidsgiveren, og industrien har behov "
            "for flere fagarbeidere. Mosjøen lufthavn og E6 gir god tilgjengelighet, men avstanden til "
            "høyere utdanning gjør det krevende å rekruttere personer med høyere utdanning."
        ),
        "lowinc": 11.8,
        "lowinc_f": 9.6,
        "inv": [
            ("Ny ungdomsskole i Mosjøen", (15000, 70000, 85000, 20000)),
            ("Omsorgsboliger Kulstad (20 enheter)", (3000, 18000, 16000, 0)),
            ("Utleieboliger Kulstad (16 enheter)", (0, 14000, 12000, 0)),
            ("Vann og avløp Halsøy og Drevvatn", (11000, 9500, 8000, 8000)),
            ("Sentrumsutvikling Sjøgata", (2500, 4000, 4000, 0)),
            ("IKT og velferdsteknologi", (3000, 3000, 2500, 2500)),
        ],
    },
}


def pop(m, year=2017):
    return sum(age_row(m, year))


def age_row(m, year):
    out = []
    for base, g in zip(m["ages"], m["growth"], strict=False):
        v = base * (1 + (g - 1) * (year - 2017) / 13)
        out.append(int(round(v / 10.0)) * 10)
    return out


def demography_table(m):
    years = [2017, 2020, 2025, 2030]
    cols = [age_row(m, y) for y in years]
    rows = []
    for i, g in enumerate(AGE_GROUPS):
        rows.append([g] + [n(c[i]) for c in cols])
    rows.append(["Totalt"] + [n(sum(c)) for c in cols])
    return [
        C(
            "Tabell: Befolkning etter aldersgruppe 2017 og framskrevet til 2030 (middels nasjonal vekst)"
        ),
        T(
            ["Aldersgruppe", "2017", "2020", "2025", "2030"],
            rows,
            (52, 29, 29, 29, 29),
            ("L", "R", "R", "R", "R"),
        ),
        C("Kilde: SSB, befolkningsframskrivinger. Avrundede tall."),
    ]


def split_at(page, heading):
    """Split a page's blocks before the heading with this text (to balance page lengths)."""
    idx = [i for i, b in enumerate(page) if b[0] in ("h1", "h2") and b[1] == heading]
    assert len(idx) == 1, heading
    return page[: idx[0]], page[idx[0] :]


def pct_growth_80(m):
    a, b = m["ages"][4], age_row(m, 2030)[4]
    return int(round(100 * (b - a) / a))


# ---------------------------------------------------------------------------
# Budget numbers (kr 1000), invented but internally consistent
# ---------------------------------------------------------------------------

AREAS = [
    ("Politisk styring og kontroll", 0.017, 0.0),
    ("Rådmann og fellestjenester", 0.085, -0.004),
    ("Oppvekst og kultur", 0.355, -0.006),
    ("Helse og omsorg", 0.425, 0.018),
    ("NAV og sosiale tjenester", 0.043, 0.008),
    ("Teknisk drift og eiendom", 0.055, 0.0),
    ("Plan og utvikling", 0.020, 0.0),
]


def budget(m, years=(2017, 2018, 2019, 2020, 2021)):
    base = pop(m) * 52.0
    frames = {}
    for name, share, trend in AREAS:
        frames[name] = [int(round(base * share * (1 + trend) ** (y - 2017), -2)) for y in years]
    sums = [sum(frames[a][i] for a, _, _ in AREAS) for i in range(len(years))]
    fin = [int(round(s * 0.068, -2)) for s in sums]
    avs = [
        int(round(s * f, -2))
        for s, f in zip(sums, (0.004, 0.006, 0.009, 0.012, 0.015), strict=False)
    ]
    eskatt = [int(round(pop(m) * 1.7, -2))] * len(years)
    free = [s + f + a for s, f, a in zip(sums, fin, avs, strict=False)]
    skatt = [int(round(fr * 0.44, -2)) for fr in free]
    andre = [int(round(fr * 0.015, -2)) for fr in free]
    ramme = [fr - sk - es - an for fr, sk, es, an in zip(free, skatt, eskatt, andre, strict=False)]
    return {
        "years": years,
        "frames": frames,
        "sums": sums,
        "fin": fin,
        "avs": avs,
        "eskatt": eskatt,
        "free": free,
        "skatt": skatt,
        "andre": andre,
        "ramme": ramme,
    }


def table_hovedoversikt(b, idx):
    yrs = [b["years"][i] for i in idx]
    rows = [
        ["Skatt på inntekt og formue"] + [n(b["skatt"][i]) for i in idx],
        ["Rammetilskudd"] + [n(b["ramme"][i]) for i in idx],
        ["Eiendomsskatt"] + [n(b["eskatt"][i]) for i in idx],
        ["Andre generelle statstilskudd"] + [n(b["andre"][i]) for i in idx],
        ["Sum frie disponible inntekter"] + [n(b["free"][i]) for i in idx],
        ["Netto renter og avdrag"] + [n(-b["fin"][i]) for i in idx],
        ["Netto avsetninger"] + [n(-b["avs"][i]) for i in idx],
        ["Til fordeling drift"] + [n(b["sums"][i]) for i in idx],
    ]
    w0 = 170 - 24 * len(idx)
    return T(
        ["Hovedoversikt (kr 1000)"] + [str(y) for y in yrs],
        rows,
        (w0,) + (24,) * len(idx),
        ("L",) + ("R",) * len(idx),
    )


def table_rammer(b, idx, first="Tjenesteområde (kr 1000)"):
    yrs = [b["years"][i] for i in idx]
    rows = []
    for name, _, _ in AREAS:
        rows.append([name] + [n(b["frames"][name][i]) for i in idx])
    rows.append(["Sum netto driftsrammer"] + [n(b["sums"][i]) for i in idx])
    w0 = 170 - 24 * len(idx)
    return T(
        [first] + [("Budsjett " if k == 0 else "") + str(y) for k, y in enumerate(yrs)],
        rows,
        (w0,) + (24,) * len(idx),
        ("L",) + ("R",) * len(idx),
    )


def table_investments(m, extra=()):
    rows = []
    tot = [0, 0, 0, 0]
    for name, vals in list(m["inv"]) + list(extra):
        rows.append([name] + [n(v) for v in vals] + [n(sum(vals))])
        tot = [a + v for a, v in zip(tot, vals, strict=False)]
    rows.append(["Sum investeringer"] + [n(v) for v in tot] + [n(sum(tot))])
    return T(
        ["Prosjekt (kr 1000)", "2018", "2019", "2020", "2021", "Sum"],
        rows,
        (70, 20, 20, 20, 20, 20),
        ("L", "R", "R", "R", "R", "R"),
    ), sum(tot)


# ---------------------------------------------------------------------------
# 1 Kommuneplanens samfunnsdel
# ---------------------------------------------------------------------------


def samfunnsdel(m, color, years, vedtatt, sak):
    N, Cn, pl = m["name"], m["centre"], m["places"]
    start = int(years[:4])
    p1 = [
        H1("1 Innledning"),
        P(
            f"Kommuneplanens samfunnsdel er kommunens overordnede styringsdokument. Den skal ta stilling til "
            f"langsiktige utfordringer, mål og strategier for {N}-samfunnet som helhet og for kommunen som "
            f"organisasjon, jf. plan- og bygningsloven § 11-2. Samfunnsdelen legger føringer for "
            f"kommuneplanens arealdel, for temaplanene og for handlingsdelen i økonomiplanen."
        ),
        P(
            f"Planen bygger på kommunal planstrategi og på Nasjonale forventninger til regional og kommunal "
            f"planlegging. Fylkesplan for Nordland og regionale planer for {m['region']} er lagt til grunn "
            f"der de er relevante. Planperioden er {years}, men planen skal vurderes revidert i hver valgperiode."
        ),
        H2("1.1 Planprosess og medvirkning"),
        P(
            f"Planprogrammet ble fastsatt av kommunestyret i {start - 1}. Det er gjennomført folkemøter i {Cn}, "
            f"{pl[0]} og {pl[1]}, og det har vært egne samlinger med ungdomsrådet, eldrerådet og rådet for "
            f"personer med nedsatt funksjonsevne. Næringsforeningen, lag og foreninger og nabokommunene har gitt "
            f"skriftlige innspill. Innspillene er sammenfattet i et eget vedlegg til planen."
        ),
        H2("1.2 Planens oppbygging"),
        P(
            "Kapittel 2 beskriver utviklingstrekk og utfordringer. Kapittel 3 presenterer visjon og overordnede "
            "mål, mens kapittel 4 inneholder mål og strategier for hvert satsingsområde. Kapittel 5 beskriver "
            "hvordan planen skal følges opp gjennom handlingsdelen og økonomiplanen."
        ),
    ]
    p2 = [
        H1("2 Utfordringer"),
        H2("2.1 Befolkningsutvikling og demografi"),
        P(
            f"{N} kommune hadde {n(pop(m))} innbyggere per 1. januar 2017. Befolkningsveksten de siste ti årene "
            f"har i hovedsak kommet gjennom innvandring, mens fødselstallene har gått ned og flere unge flytter "
            f"ut for å ta utdanning. Framskrivingene viser at antall innbyggere over 80 år vil øke med om lag "
            f"{pct_growth_80(m)} prosent fram mot 2030, samtidig som gruppen i yrkesaktiv alder blir mindre. "
            f"Denne demografiske utviklingen vil prege både tjenestebehovet og tilgangen på arbeidskraft."
        ),
        *demography_table(m),
        H2("2.2 Næringsliv og arbeidsmarked"),
        P(m["naering"]),
        H2("2.3 Klima og miljø"),
        P(
            f"Klimaendringene gir mer ekstremvær, økt fare for flom, overvann og skred, og havnivåstigning langs "
            f"{m['sea']}. Kommunen må ta hensyn til dette i arealplanleggingen og samtidig redusere egne "
            f"klimagassutslipp. Veitrafikk og sjøfart står for den største andelen av utslippene i {N}."
        ),
        H2("2.4 Folkehelse og levekår"),
        P(
            f"Folkehelseprofilen viser at {N} har en lavere andel innbyggere med høyere utdanning enn landet, "
            f"og at frafallet i videregående skole er høyt. Andelen uføretrygdede under 45 år er høyere enn "
            f"landsgjennomsnittet. Sosiale helseforskjeller må utjevnes gjennom innsats på tvers av sektorene."
        ),
    ]
    p3 = [
        H1("3 Visjon og overordnede mål"),
        P(
            f"Kommunens visjon er «{m['visjon']}». Visjonen uttrykker hva vi vil være for innbyggerne, "
            f"næringslivet og besøkende, og den skal ligge til grunn for alt planarbeid i kommunen."
        ),
        B(
            f"{N} skal ha befolkningsvekst og være en attraktiv kommune å bo og arbeide i.",
            "Barn og unge skal ha en trygg og god oppvekst med læring og mestring.",
            "Innbyggerne skal ha gode levekår og mulighet til å ta ansvar for egen helse.",
            "Næringslivet skal ha gode rammebetingelser for vekst og nyskaping.",
            "Kommunen skal bidra til reduserte klimagassutslipp og en bærekraftig arealbruk.",
        ),
        H1("4 Satsingsområder"),
        H2("4.1 Oppvekst og utdanning"),
        P(
            f"Gode barnehager og skoler er grunnlaget for et godt liv og for at {N} skal være attraktiv for "
            f"barnefamilier. Kommunen skal arbeide for at flere fullfører videregående opplæring, og for at barn "
            f"som trenger ekstra hjelp, får det tidlig."
        ),
        B(
            "Styrke tidlig innsats og det tverrfaglige samarbeidet rundt barn og familier.",
            "Utvikle skolebygg og uteområder som fremmer læring, lek og fysisk aktivitet.",
            "Samarbeide med videregående skole og næringslivet om lærlingplasser.",
        ),
        H2("4.2 Helse, omsorg og livskvalitet"),
        P(
            "Antall eldre vil øke kraftig i planperioden. Tjenestene skal bygge på prinsippet om laveste "
            "effektive omsorgsnivå, slik at flere kan bo hjemme lenger med trygghet og god livskvalitet. "
            "Velferdsteknologi, hverdagsrehabilitering og samarbeid med frivillige og pårørende blir viktig."
        ),
        B(
            "Dreie tjenestene fra institusjon til hjemmebaserte tjenester.",
            "Ta i bruk velferdsteknologi i alle deler av omsorgstjenesten.",
            "Styrke det forebyggende arbeidet innen psykisk helse og rus.",
        ),
    ]
    housing_generic = P(
        f"Tilgang på attraktive boligtomter og et variert boligtilbud er avgjørende for å beholde og tiltrekke "
        f"innbyggere. Det er i dag få leiligheter i {m['sentrum']}, og mange eldre bor i eneboliger som ikke er "
        f"tilpasset redusert funksjonsevne. Kommunen skal legge til rette for boligbygging i og nær {Cn}, slik "
        f"at flere kan bo nær handel, skole og tjenester. Bolyst handler også om gode møteplasser, trygge "
        f"nærmiljø og kort vei til natur og friluftsliv."
    )
    housing_strats = [
        "Sikre tilstrekkelig tilgang på regulerte boligtomter i alle deler av kommunen.",
        f"Stimulere til bygging av sentrumsnære leiligheter i {Cn}.",
        "Utvikle attraktive bo- og nærmiljø med møteplasser og grøntområder.",
    ]
    if color == "yellow" and N == "Vågan":
        housing_social = [
            P(
                "Noen innbyggere har ikke mulighet til å skaffe seg eller beholde en egnet bolig på egen hånd. "
                "Kommunen skal sammen med Husbanken bidra til at vanskeligstilte får et trygt og godt sted å bo, "
                "blant annet gjennom aktiv bruk av startlån og et tilstrekkelig antall kommunale utleieboliger."
            ),
        ]
        housing_strats += [
            "Utarbeide en boligsosial handlingsplan som samordner innsatsen på tvers av tjenestene.",
            "Sikre egnede boliger for vanskeligstilte, blant annet personer med rus- og psykiske lidelser.",
        ]
        heading = "4.4 Bolyst, boliger og stedsutvikling"
    elif color == "yellow":
        housing_social = [
            P(
                "En del innbyggere trenger hjelp for å skaffe seg en egnet bolig, blant annet flyktninger som "
                "bosettes i kommunen og personer med rus- og psykiske lidelser. Kommunen skal videreføre det "
                "boligsosiale arbeidet og bruke startlån og bostøtte aktivt, slik at vanskeligstilte kan eie "
                "eller leie en trygg bolig."
            ),
        ]
        housing_strats += [
            "Sikre et tilstrekkelig antall kommunale utleieboliger for vanskeligstilte.",
            "Legge til rette for integrering av nye innbyggere gjennom inkluderende nærmiljø.",
        ]
        heading = "4.4 Boliger og stedsutvikling"
    else:
        housing_social = []
        housing_strats += [
            "Legge til rette for integrering av nye innbyggere gjennom et inkluderende lokalmiljø."
        ]
        heading = "4.4 Bolyst og attraktive boområder"
    p4 = [
        H2("4.3 Næringsutvikling og kompetanse"),
        P(
            f"{N} skal være en god kommune å etablere og drive virksomhet i. Kommunen skal ha en effektiv og "
            f"forutsigbar saksbehandling, ha tilgjengelige næringsarealer og samarbeide med nabokommunene i "
            f"{m['region']} om rekruttering og kompetanseutvikling."
        ),
        B(
            "Ha ferdig regulerte næringsarealer tilgjengelig til enhver tid.",
            "Samarbeide med næringslivet om å rekruttere og beholde arbeidskraft.",
        ),
        H2(heading),
        housing_generic,
        *housing_social,
        P("Strategier:"),
        B(*housing_strats),
        H2("4.5 Klima, miljø og samfunnssikkerhet"),
        B(
            "Redusere klimagassutslippene fra kommunens egen virksomhet med 40 prosent innen 2030.",
            "Ta hensyn til havnivåstigning, flom og skred i all arealplanlegging.",
            "Legge til rette for gange, sykkel og kollektivtransport.",
        ),
        H1("5 Oppfølging av planen"),
        P(
            f"Samfunnsdelen følges opp gjennom handlingsdelen i økonomiplanen, som rulleres årlig. Temaplaner "
            f"skal bygge på målene i denne planen. Kommunestyret vurderer behovet for revisjon i arbeidet med "
            f"kommunal planstrategi. Planen ble vedtatt av kommunestyret {vedtatt}, sak {sak}."
        ),
    ]
    return [p1, p2, p3, p4]


# ---------------------------------------------------------------------------
# 2 Kommuneplanens arealdel (always red: zoning, no housing-social content)
# ---------------------------------------------------------------------------

AREAL = {
    "Sortland": {
        "units": 520,
        "tett": 2,
        "plankrav_unntak": "to",
        "bfelt": [
            ("B1", "Holmstad nord", 48, 90, "Reguleringsplan under arbeid"),
            ("B2", "Kleiva", 22, 40, "Krever ny adkomst fra fv. 820"),
            ("B3", "Strand", 31, 55, "Gang- og sykkelvei som rekkefølgekrav"),
            ("B4", "Maurnes", 17, 25, "Frittliggende småhus"),
            ("B5", "Blokken", 12, 30, "Konsentrert småhusbebyggelse"),
            ("B6", "Sortland sentrum øst", 8, 120, "Leiligheter, fortetting"),
        ],
        "spredt": [("Sigerfjord", 6), ("Holmstad vest", 4), ("Hinnøysiden", 8)],
    },
    "Vagan": {
        "units": 460,
        "tett": 2,
        "plankrav_unntak": "to",
        "bfelt": [
            ("B1", "Kabelvåg øst", 36, 70, "Reguleringsplan vedtatt"),
            ("B2", "Osan, Svolvær", 14, 60, "Leiligheter og rekkehus"),
            ("B3", "Henningsvær nord", 9, 18, "Hensyn til kulturmiljø"),
            ("B4", "Laupstad", 15, 20, "Frittliggende småhus"),
            ("B5", "Gimsøy", 11, 12, "Frittliggende småhus"),
            ("B6", "Svolvær sentrum vest", 6, 110, "Fortetting, blandet formål"),
        ],
        "spredt": [("Digermulen", 5), ("Skrova", 3), ("Gimsøy sør", 6)],
    },
    "Fauske": {
        "units": 430,
        "tett": 2,
        "plankrav_unntak": "to",
        "bfelt": [
            ("B1", "Erikstad", 52, 95, "Byggetrinn 2"),
            ("B2", "Hauan", 18, 35, "Krever ny adkomst"),
            ("B3", "Valnesfjord", 25, 40, "Gang- og sykkelvei som rekkefølgekrav"),
            ("B4", "Finneid", 13, 22, "Frittliggende småhus"),
            ("B5", "Sulitjelma", 10, 12, "Fortetting"),
            ("B6", "Fauske sentrum", 7, 100, "Leiligheter"),
        ],
        "spredt": [("Klungset", 6), ("Sulitjelma øst", 4), ("Valnesfjord sør", 8)],
    },
    "Vefsn": {
        "units": 640,
        "tett": 2,
        "plankrav_unntak": "to",
        "bfelt": [
            ("B1", "Kulstad", 44, 110, "Reguleringsplan under arbeid"),
            ("B2", "Halsøy", 38, 75, "Gang- og sykkelvei som rekkefølgekrav"),
            ("B3", "Drevvatn", 12, 15, "Frittliggende småhus"),
            ("B4", "Olderskog", 21, 45, "Krever ny adkomst"),
            ("B5", "Elsfjord", 9, 10, "Frittliggende småhus"),
            ("B6", "Mosjøen sentrum nord", 9, 140, "Leiligheter, fortetting"),
        ],
        "spredt": [("Elsfjord", 6), ("Skjerva", 4), ("Vefsnes", 5)],
    },
}


KULTURMILJO = {
    "Sortland": "Jennestad",
    "Vagan": "Henningsvær",
    "Fauske": "Sulitjelma",
    "Vefsn": "Sjøgata i Mosjøen",
}


def arealdel(m, years, vedtatt):
    N, Cn, S = m["name"], m["centre"], m["sentrum"]
    a = AREAL[m["key"]]
    f = a["bfelt"]
    new_daa = sum(x[2] for x in f)
    end = years[-4:]
    k = list(MUNIS).index(m["key"])
    arealtab = [
        ["Boligbebyggelse", n(1480 + 130 * k), n(new_daa), n(1480 + 130 * k + new_daa)],
        ["Fritidsbebyggelse", n(620 - 40 * k), n(85 + 10 * k), n(705 - 30 * k)],
        ["Sentrumsformål", n(95 + 5 * k), n(12), n(107 + 5 * k)],
        ["Næringsbebyggelse", n(410 + 25 * k), n(120 - 10 * k), n(530 + 15 * k)],
        ["Kombinert bolig- og næringsformål", n(35 + 3 * k), n(14), n(49 + 3 * k)],
        ["Offentlig eller privat tjenesteyting", n(180 + 12 * k), n(22), n(202 + 12 * k)],
        ["LNFR-områder for spredt boligbebyggelse", n(940 - 50 * k), "0", n(940 - 50 * k)],
    ]
    uu_extra = {
        0: "Krav om UU i nye bygg gjelder også for boliger som oppføres innenfor LNFR-områder for spredt boligbebyggelse.",
        1: "Krav om UU i nye bygg skal følges opp særlig i Henningsvær og Kabelvåg, der terrenget er bratt og adkomsten til boligene ofte går via trapper.",
        2: "Krav om UU i nye bygg gjelder også i Sulitjelma, selv om terrenget gjør det krevende.",
        3: "Krav om UU i nye bygg skal dokumenteres i søknad om rammetillatelse.",
    }[k]
    p1 = [
        H1("1 Innledning"),
        P(
            f"Kommuneplanens arealdel for {N} kommune {years} består av plankart i målestokk 1:50 000 med "
            f"delkart for {Cn} i 1:10 000, disse bestemmelsene og retningslinjene, og en planbeskrivelse med "
            f"konsekvensutredning. Bestemmelsene er gitt med hjemmel i plan- og bygningsloven (pbl.) §§ 11-7 "
            f"til 11-11 og er juridisk bindende sammen med plankartet. Retningslinjene er ikke bindende, men gir "
            f"føringer for kommunens behandling av byggesaker, dispensasjoner og reguleringsplaner."
        ),
        P(
            f"Arealdelen ble vedtatt av kommunestyret {vedtatt}. Bestemmelsene er nummerert etter kapittel. "
            f"Retningslinjer står etter den bestemmelsen de hører til og er merket «Retningslinje»."
        ),
        H2("1.1 Forholdet til gjeldende reguleringsplaner"),
        P(
            "Gjeldende reguleringsplaner skal fortsatt gjelde foran kommuneplanens arealdel, med unntak av "
            "planene som er oppført i vedlegg 1. Ved motstrid mellom arealdelen og reguleringsplaner vedtatt "
            "før 2000 gjelder likevel kommuneplanens bestemmelser om universell utforming, uteoppholdsareal, "
            "byggegrenser og parkering."
        ),
        H2("1.2 Arealregnskap"),
        C("Tabell 1: Arealformål i planen, dekar (daa)"),
        T(
            ["Arealformål", "Eksisterende", "Nytt", "Sum"],
            arealtab,
            (80, 30, 30, 30),
            ("L", "R", "R", "R"),
        ),
        P(
            f"Planen legger til rette for om lag {n(a['units'])} nye boenheter i planperioden. Hovedtyngden av ny "
            f"boligbebyggelse skal komme som fortetting i eksisterende boligområder i og rundt {Cn}, og i nye "
            f"boligområder i {f[0][1]} og {f[2][1]}. Boligreserven er vurdert som tilstrekkelig til å dekke "
            f"forventet befolkningsvekst og behovet for nye boliger fram til {end}."
        ),
    ]
    p2 = [
        H1("2 Generelle bestemmelser (pbl. § 11-9)"),
        H2("§ 2.1 Krav om reguleringsplan"),
        P(
            f"Innenfor områder avsatt til boligbebyggelse, fritidsbebyggelse, sentrumsformål, næringsbebyggelse og "
            f"kombinert bebyggelse kan tiltak etter pbl. § 20-1 første ledd bokstav a, d, g, k, l og m ikke finne "
            f"sted før området inngår i en godkjent reguleringsplan. Unntatt fra plankravet er oppføring av inntil "
            f"{a['plankrav_unntak']} nye boliger innenfor eksisterende boligområder, når tiltaket tilpasses "
            f"eksisterende bebyggelse og har godkjent adkomst, vannforsyning og avløp."
        ),
        H2("§ 2.2 Rekkefølgekrav"),
        P(
            f"Nye boligområder kan ikke tas i bruk før vei, vann- og avløpsanlegg, trafikksikker skolevei og felles "
            f"lekeareal er ferdig opparbeidet. For boligområdene {f[2][0]} og {f[3][0]} skal gang- og sykkelvei langs "
            f"{m['fv']} være etablert før det gis brukstillatelse for nye boliger."
        ),
        H2("§ 2.3 Universell utforming"),
        P(
            "Alle nye boliger skal ha universell utforming i tråd med kravene i byggteknisk forskrift (TEK17). "
            "I reguleringsplaner for nye boligområder skal det redegjøres for hvordan universell utforming (UU) "
            "er ivaretatt i uteoppholdsareal, adkomst, parkering og fellesarealer. I boligprosjekter med mer enn "
            "åtte boenheter skal minst halvparten av boenhetene ha alle hovedfunksjoner på inngangsplanet."
        ),
        P(
            "Retningslinje: UU-krav gjelder også ved vesentlig ombygging av eksisterende bygg. "
            + uu_extra
            + " Kommunen anbefaler at eksisterende boligbebyggelse tilpasses der det er praktisk mulig."
        ),
        H2("§ 2.4 Uteoppholdsareal og lekeplasser"),
        P(
            "For boligbebyggelse skal det avsettes minste uteoppholdsareal (MUA) på minst 150 m² per boenhet for "
            "eneboliger og tomannsboliger, og minst 50 m² per boenhet for rekkehus og leiligheter. "
            "Uteoppholdsarealet skal ha gode solforhold, være skjermet mot støy og forurensning og ikke være "
            "brattere enn 1:3. Ved bygging av mer enn fire boenheter skal det opparbeides felles sandlekeplass på "
            "minst 150 m² innenfor 50 meters gangavstand fra boligene."
        ),
        H2("§ 2.5 Byggegrenser"),
        P(
            f"Langs sjø og vassdrag gjelder byggeforbudet i pbl. § 1-8 der ikke annen byggegrense er vist i "
            f"plankartet eller i reguleringsplan. I eksisterende boligområder langs sjøen er byggegrensen 50 meter "
            f"fra strandlinjen, målt i horisontalplanet ved middel høyvann. Byggegrenser mot {m['riksvei']} er 50 "
            f"meter og mot fylkesveier 15 meter fra senterlinjen, dersom ikke annet er fastsatt i reguleringsplan."
        ),
        H2("§ 2.6 Parkering"),
        P(
            f"Ved oppføring av nye boliger skal det etableres minst 2 biloppstillingsplasser per enebolig og 1,2 "
            f"plasser per leilighet. I {S} er kravet 1,0 plass per boenhet. Minst 5 prosent av plassene i "
            f"fellesanlegg skal være tilrettelagt for personer med nedsatt funksjonsevne, og det skal etableres "
            f"minst 2 sykkelparkeringsplasser per boenhet."
        ),
    ]
    p3 = [
        H1("3 Bebyggelse og anlegg (pbl. § 11-7 nr. 1)"),
        H2("§ 3.1 Boligbebyggelse – eksisterende boligområder"),
        P(
            "I eksisterende boligområder tillates fortetting med frittliggende og sammenbygd småhusbebyggelse når "
            "tiltaket ikke er i strid med gjeldende reguleringsplan. Maksimal utnyttelse er %-BYA = 35 % for "
            "eneboliger og tomannsboliger og %-BYA = 40 % for rekkehus. Maksimal gesimshøyde er 7,0 meter og "
            "maksimal mønehøyde 9,0 meter over gjennomsnittlig planert terreng. Ny boligbebyggelse skal "
            "tilpasses eksisterende bebyggelse i volum, materialbruk og takform."
        ),
        P(
            "Retningslinje: Ved fortetting i eksisterende boligområder bør grøntdrag, snarveier og eksisterende "
            "vegetasjon bevares."
        ),
        H2("§ 3.2 Nye boligområder"),
        P(
            f"Tabellen viser nye områder avsatt til boligbebyggelse. Nye boligområder skal reguleres med en "
            f"tetthet på minst {a['tett']} boenheter per daa. Det skal legges til rette for variasjon i boligtyper "
            f"og tomtestørrelser innenfor hvert boligområde."
        ),
        T(
            ["Felt", "Stedsnavn", "Areal (daa)", "Boenheter", "Merknad"],
            [[x[0], x[1], n(x[2]), n(x[3]), x[4]] for x in f],
            (14, 44, 24, 22, 66),
            ("L", "L", "R", "R", "L"),
        ),
        H2("§ 3.3 Sentrumsformål"),
        P(
            f"Innenfor sentrumsformålet i {S} tillates forretning, kontor, hotell, bevertning, offentlig og privat "
            f"tjenesteyting og boligbebyggelse. Boliger tillates ikke på gateplan mot {m['street']}. Ved "
            f"omdisponering av bolig- og næringsarealer i sentrum skal det utarbeides en samlet plan for trafikk, "
            f"uterom og parkering. Boligandelen i nye prosjekter skal ikke overstige 70 prosent av bruksarealet."
        ),
        H2("§ 3.4 Kombinert bolig- og næringsformål"),
        P(
            "I områdene BN1–BN3 tillates kombinert boligbebyggelse og næringsbebyggelse med kontor, lager og lett "
            "industri som ikke er til sjenanse for boligene. Boligdelen skal ha eget uteoppholdsareal og egen adkomst."
        ),
        H2("§ 3.5 Fritidsbebyggelse og næringsbebyggelse"),
        P(
            "Fritidsboliger skal ha bebygd areal (BYA) på inntil 120 m², inkludert uthus og parkering. "
            "Fritidsboliger kan ikke tas i bruk som helårsbolig uten søknad om bruksendring. I områdene avsatt "
            "til næringsbebyggelse tillates ikke boliger."
        ),
    ]
    p4 = [
        H1("4 Landbruks-, natur- og friluftsformål (pbl. § 11-7 nr. 5)"),
        H2("§ 4.1 LNFR-områder"),
        P(
            "I LNFR-områdene er det ikke tillatt med annen bebyggelse og anlegg enn det som er nødvendig for "
            "landbruk, reindrift og gårdstilknyttet næringsvirksomhet basert på gårdens ressursgrunnlag."
        ),
        H2("§ 4.2 LNFR-områder for spredt boligbebyggelse (pbl. § 11-11 nr. 2)"),
        P(
            "I områdene i tabellen tillates spredt boligbebyggelse med det antall nye boenheter som er angitt for "
            "planperioden. Nye boliger skal ikke plasseres på dyrka eller dyrkbar mark, i områder med fare for "
            "skred eller flom, eller nærmere enn 100 meter fra sjø. Tomtestørrelsen skal ikke overstige 1,5 daa."
        ),
        T(
            ["Område", "Nye boliger i planperioden"],
            [[s, str(c)] for s, c in a["spredt"]],
            (85, 85),
            ("L", "R"),
        ),
        H1("5 Hensynssoner (pbl. § 11-8)"),
        H2("§ 5.1 Støysoner (H210 og H220)"),
        P(
            "Innenfor rød støysone tillates ikke ny boligbebyggelse eller annen støyfølsom bebyggelse. Innenfor "
            "gul sone kan ny boligbebyggelse tillates når det dokumenteres at kravene i retningslinje T-1442 er "
            "oppfylt, og at alle boenheter har en stille side."
        ),
        H2("§ 5.2 Faresoner for skred og flom (H310 og H320)"),
        P(
            "Før det gis tillatelse til nye boliger innenfor faresonene, skal det dokumenteres tilstrekkelig "
            "sikkerhet mot skred og flom, jf. TEK17 § 7-2 og § 7-3. Dokumentasjonen skal utarbeides av fagkyndig."
        ),
        H2("§ 5.3 Bevaring av kulturmiljø (H570)"),
        P(
            f"Innenfor hensynssonen for kulturmiljø i {KULTURMILJO[m['key']]} skal nye boliger og tilbygg tilpasses "
            f"eksisterende bebyggelse i plassering, volum, takform og materialbruk. Kulturminnemyndigheten skal "
            f"uttale seg før det gis tillatelse til riving."
        ),
    ]
    p2a, p2b = split_at(p2, "§ 2.6 Parkering")
    p3a, p3b = split_at(p3, "§ 3.4 Kombinert bolig- og næringsformål")
    p4a, p4b = split_at(p4, "5 Hensynssoner (pbl. § 11-8)")
    return [p1, p2a, p2b + p3a, p3b + p4a, p4b]


# ---------------------------------------------------------------------------
# 3 Økonomiplan (4-årig) / handlingsprogram
# ---------------------------------------------------------------------------


def okonomiplan(m, color, kind, vedtatt):
    """kind: 'Økonomiplan' or 'Handlingsprogram og økonomiplan'."""
    N, Cn = m["name"], m["centre"]
    b = budget(m)
    p_inv = pop(m)
    gjeld17 = int(round(p_inv * 0.078, 0))
    gjeld21 = int(round(gjeld17 * 1.14, 0))
    p1 = [
        H1("1 Rådmannens innledning"),
        P(
            f"Rådmannen legger med dette fram forslag til {kind.lower()} for perioden 2018–2021. Forslaget er "
            f"utarbeidet innenfor de økonomiske rammene som følger av regjeringens forslag til statsbudsjett for "
            f"2018 og kommunestyrets mål om økonomisk handlefrihet. Alle tall er i faste 2018-kroner og i hele "
            f"tusen kroner (kr 1000) dersom ikke annet er oppgitt."
        ),
        P(
            f"{N} kommune har de siste årene hatt svake driftsresultater, og disposisjonsfondet er lavere enn "
            f"anbefalt nivå. Samtidig øker behovet for tjenester til en voksende eldre befolkning, mens antall "
            f"barn og unge går ned. Rådmannen foreslår derfor en gradvis omstilling av tjenestene, med mål om et "
            f"netto driftsresultat på minst 1,75 prosent av brutto driftsinntekter innen utgangen av perioden."
        ),
        H2("1.1 Sammenheng med kommuneplanen"),
        P(
            "Økonomiplanen er kommuneplanens handlingsdel, jf. plan- og bygningsloven § 11-1 fjerde ledd og "
            "kommuneloven § 44. Den viser hvordan målene i kommuneplanens samfunnsdel skal følges opp de neste "
            "fire årene, og den rulleres hvert år. Første år i planen er årsbudsjettet for 2018."
        ),
        H2("1.2 Hovedgrep i perioden"),
        B(
            "Omstilling i helse og omsorg med vekt på hjemmebaserte tjenester og hverdagsrehabilitering.",
            "Gjennomgang av skole- og barnehagestrukturen i lys av synkende barnetall.",
            "Eiendomsskatten videreføres på dagens nivå i hele perioden.",
            "Investeringsnivået holdes slik at lånegjelden per innbygger ikke øker vesentlig.",
            "Effektivisering av administrasjon og støttefunksjoner gjennom digitalisering.",
        ),
    ]
    p2 = [
        H1("2 Økonomiske rammer"),
        P(
            "Tabell 1 viser hovedoversikten over frie inntekter og finansposter. Inntektsanslagene bygger på "
            "regjeringens forslag til statsbudsjett og KS' prognosemodell for skatt og rammetilskudd."
        ),
        C("Tabell 1: Hovedoversikt drift 2018–2021"),
        table_hovedoversikt(b, [1, 2, 3, 4]),
        P(
            "Tabell 2 viser netto driftsrammer per tjenesteområde. Rammen for 2017 er justert budsjett."
        ),
        C("Tabell 2: Netto driftsrammer per tjenesteområde"),
        table_rammer(b, [0, 1, 2, 3, 4]),
        H2("2.1 Lånegjeld og finansielle nøkkeltall"),
        P(
            f"Netto lånegjeld vil øke fra kr {n(gjeld17)} mill. ved utgangen av 2017 til kr {n(gjeld21)} mill. i "
            f"2021, tilsvarende om lag kr {n(int(round(gjeld21 * 1e6 / p_inv, -3)))} per innbygger. Renterisikoen "
            f"er betydelig: en økning i rentenivået på ett prosentpoeng gir om lag kr {n(int(gjeld21 * 0.4 * 10))} "
            f"000 i økte renteutgifter per år."
        ),
    ]
    nav_red = P(
        "Utgiftene til økonomisk sosialhjelp har økt de siste årene, særlig blant unge under 25 år. NAV "
        "skal prioritere arbeidsrettet oppfølging, kvalifiseringsprogrammet og samarbeid med "
        "videregående skole for å redusere frafall og hindre at unge blir varig avhengige av stønad."
    )
    if color == "yellow" and N == "Sortland":
        nav_extra = [
            P(
                "Kommunen låner hvert år midler fra Husbanken til videreutlån som startlån. Rammen for "
                "startlån foreslås økt til kr 20 mill. per år, slik at flere vanskeligstilte kan kjøpe egen "
                "bolig i stedet for å leie. Det er i dag ventetid på kommunale utleieboliger, og "
                "rådmannen vil vurdere å etablere et felles boligkontor i 2019."
            )
        ]
    elif color == "yellow":
        nav_extra = [
            P(
                "Startlån fra Husbanken er et viktig virkemiddel for å hjelpe vanskeligstilte til å "
                f"etablere seg i egen bolig. {N} kommune tar opp kr 15 mill. i startlån i 2018. I tillegg vil "
                "NAV og eiendomsavdelingen kartlegge behovet for kommunale utleieboliger, som grunnlag for "
                "en boligsosial handlingsplan."
            )
        ]
    else:
        nav_extra = []
    p3 = [
        H1("3 Tjenesteområdene"),
        H2("3.1 Oppvekst og kultur"),
        P(
            f"Elevtallet i grunnskolen er ventet å gå ned med om lag 8 prosent i perioden. Rammen reduseres med "
            f"kr 2,5 mill. fra 2019 gjennom endringer i skolestrukturen, som utredes i 2018. Barnehagedekningen "
            f"er god, og alle barn med rett til plass fikk tilbud ved hovedopptaket. Kulturskolen i {N} "
            f"videreføres med dagens tilbud."
        ),
        H2("3.2 Helse og omsorg"),
        P(
            "Tjenesteområdet har hatt merforbruk de siste to årene, særlig knyttet til ressurskrevende tjenester "
            "og bruk av vikarer. Rammen økes med om lag 1,8 prosent per år for å møte økningen i antall eldre. "
            "Samtidig skal tjenestene dreies fra institusjon til hjemmebaserte tjenester. Nye omsorgsboliger "
            "med heldøgns bemanning tas i bruk i 2020, og velferdsteknologi innføres i hele hjemmetjenesten."
        ),
        H2("3.3 NAV og sosiale tjenester"),
        nav_red,
        *nav_extra,
        H2("3.4 Teknisk drift og eiendom"),
        P(
            f"Vedlikeholdsetterslepet på kommunale bygg er beregnet til kr {n(int(p_inv * 0.009))} mill. Gebyrene "
            f"for vann, avløp og renovasjon økes med 3 prosent i 2018. Kommunen selger tomter i boligfeltet i "
            f"{m['places'][0]}, og salgsinntektene brukes til nedbetaling av lån."
        ),
        H2("3.5 Plan og utvikling"),
        P(
            f"Saksbehandlingstiden for byggesaker skal ned. Arbeidet med reguleringsplan for {m['sentrum']} "
            f"prioriteres i 2018 og 2019, og næringsarbeidet styrkes i samarbeid med nabokommunene i {m['region']}."
        ),
    ]
    extra = []
    if color in ("yellow", "green"):
        extra = [
            (
                "Startlån, videreutlån",
                (40000,) * 4 if color == "green" else (20000 if N == "Sortland" else 15000,) * 4,
            )
        ]
    tab, total = table_investments(m, extra)
    p4 = [
        H1("4 Investeringer"),
        P(
            f"Investeringsprogrammet har en samlet ramme på kr {n(total)} 000 i perioden. De største prosjektene "
            f"er innen skole og omsorg. Tabell 3 viser prosjektene med årlige beløp."
        ),
        C("Tabell 3: Investeringsprogram 2018–2021"),
        tab,
        H2("4.1 Finansiering"),
        P(
            "Investeringene finansieres med lån, tilskudd, momskompensasjon og salg av eiendom. Rådmannen "
            "anbefaler at minst 10 prosent av investeringene i perioden finansieres med egenkapital fra "
            "driften, og at nye prosjekter bare tas inn når de har en avklart finansiering."
        ),
    ]
    pages = [p1, p2, p3, p4]
    if color == "green":
        p4 += [
            H1("5 Boligpolitikk og boligsosialt arbeid"),
            P(
                f"{N} kommune vedtok boligsosial handlingsplan 2017–2020 i juni 2017. Planen bygger på den "
                f"nasjonale strategien Bolig for velferd (2014–2020) og har som hovedmål at alle innbyggere skal ha "
                f"et godt sted å bo, og at vanskeligstilte på boligmarkedet skal få hjelp til å skaffe og beholde "
                f"en egnet bolig. Dette kapitlet viser hvordan tiltakene i planen følges opp økonomisk i 2018–2021."
            ),
        ]
        p5 = [
            H2("5.1 Status"),
            P(
                f"Kommunen disponerer 295 kommunale boliger, hvorav 96 omsorgsboliger. Ved utgangen av 2016 sto "
                f"41 husstander på venteliste for kommunal bolig, og 14 av disse var barnefamilier. Flere av de "
                f"kommunale utleieboligene er i dårlig stand og ligger samlet, noe som gjør oppfølgingen krevende. "
                f"Boligmarkedet i {Cn} preges av eneboliger og få mindre utleieboliger, og leieprisene på det "
                f"private markedet er høye sammenlignet med inntektene til mange vanskeligstilte husstander."
            ),
            P(
                "I perioden 2014–2016 ble det innvilget startlån til 112 husstander, hvorav 38 barnefamilier. "
                "Husbanken har i samme periode gitt tilskudd til 24 nye utleieboliger, og bostøtten når om lag "
                "420 husstander."
            ),
            H2("5.2 Prioriteringer i perioden"),
            B(
                "Rammen for startlån økes fra kr 30 mill. til kr 40 mill. per år, med prioritet for barnefamilier "
                "med lavinntekt og unge i etableringsfasen.",
                f"Det bygges 16 nye utleieboliger for vanskeligstilte på {m['places'][1]} i 2019–2020, finansiert "
                f"med tilskudd fra Husbanken, husleieinntekter og lån.",
                "Det opprettes en stilling som boligkoordinator fra 2018 for å samordne det boligsosiale arbeidet "
                "og følge opp leietakere.",
                "Kommunale boliger med lav standard selges, og salgsinntektene brukes til å kjøpe leiligheter "
                "spredt i ordinære bomiljøer, i tråd med prinsippet om normalisering.",
                "Kommunen bosetter 25 flyktninger per år. Bosetting skjer primært i private utleieboliger på "
                "det ordinære boligmarkedet, med kommunal garanti for depositum.",
            ),
            H2("5.3 Barnefattigdom og boforhold"),
            P(
                f"Andelen barn i husholdninger med vedvarende lavinntekt i {N} er {n(m['lowinc'])} prosent, mot "
                f"{n(m['lowinc_f'])} prosent i landet. Trangboddhet og hyppige flyttinger er en belastning for barna. "
                f"Kommunen ser tiltak mot barnefattigdom i sammenheng med boligpolitikken: barnefamilier prioriteres "
                f"ved tildeling av kommunale boliger, og familier som har leid kommunalt i mer enn tre år, skal få "
                f"tilbud om å kjøpe boligen med startlån (leie-til-eie)."
            ),
            C("Tabell 5: Boligsosiale tiltak i økonomiplanperioden (kr 1000)"),
            T(
                ["Tiltak", "2018", "2019", "2020", "2021"],
                [
                    ["Boligkoordinator (stilling)", "750", "750", "750", "750"],
                    [
                        f"Nye utleieboliger {m['places'][1]} (investering)",
                        "0",
                        "14 000",
                        "12 000",
                        "0",
                    ],
                    ["Tilskudd fra Husbanken (utleieboliger)", "0", "-5 600", "-4 800", "0"],
                    ["Startlån, videreutlån", "40 000", "40 000", "40 000", "40 000"],
                    ["Oppgradering av kommunale boliger", "2 000", "2 000", "1 500", "1 500"],
                ],
                (82, 22, 22, 22, 22),
                ("L", "R", "R", "R", "R"),
            ),
            P(
                "Rådmannen rapporterer på boligsosiale resultatmål i tertialrapportene: antall husstander på "
                "venteliste, antall innvilgede startlån og antall bostedsløse. Boligpolitikken evalueres når den "
                "boligsosiale handlingsplanen rulleres i 2020."
            ),
        ]
        pages.append(p5)
    return pages


# ---------------------------------------------------------------------------
# 4 Årsbudsjett
# ---------------------------------------------------------------------------


def arsbudsjett(m, color, vedtatt, sak):
    N = m["name"]
    b = budget(m)
    tab, total = table_investments(m)
    inv18 = sum(v[0] for _, v in m["inv"])
    startlan = 40000 if color == "yellow" else (20000 if N == "Sortland" else 15000)
    vedtak = [
        "1. Driftsbudsjettet for 2018 vedtas med netto rammer per rammeområde som vist i budsjettskjema 1B.",
        f"2. Investeringsbudsjettet for 2018 vedtas med en samlet ramme på kr {n(inv18)} 000.",
        "3. Skatt på inntekt og formue utskrives etter de maksimalsatser Stortinget vedtar.",
        "4. Eiendomsskatt utskrives med 7 promille for alle eiendommer i hele kommunen, jf. eiendomsskatteloven "
        "§ 3 første ledd bokstav a. For boliger og fritidsboliger benyttes en skattesats på 4 promille og et "
        "bunnfradrag på kr 200 000.",
        f"5. Rådmannen gis fullmakt til å ta opp lån på inntil kr {n(int(inv18 * 0.7))} 000 til finansiering av "
        f"investeringer.",
        (
            f"6. Rådmannen gis fullmakt til å ta opp lån i Husbanken på inntil kr {n(startlan)} 000 til videreutlån "
            f"(startlån)."
            if color == "yellow"
            else f"6. Rådmannen gis fullmakt til å ta opp lån på inntil kr {n(startlan)} 000 til videreutlån."
        ),
        "7. Gebyrer og betalingssatser for 2018 vedtas som vist i vedlegg 3.",
    ]
    p1 = [
        H1("1 Kommunestyrets vedtak"),
        P(f"Kommunestyret i {N} fattet {vedtatt} i sak {sak} følgende vedtak:"),
        *[P(v) for v in vedtak],
        H1("2 Innledning"),
        P(
            "Årsbudsjettet for 2018 er første år i økonomiplanen 2018–2021. Budsjettet er stramt. Økningen i "
            "frie inntekter dekker i liten grad lønns- og prisveksten og de økte pensjonskostnadene, og "
            "tjenesteområdene må tilpasse driften til lavere rammer. Rådmannen har prioritert tjenester til eldre "
            "og barn med særskilte behov, og lagt inn et netto driftsresultat på om lag 0,5 prosent."
        ),
    ]
    d = [b["frames"][a][1] - b["frames"][a][0] for a, _, _ in AREAS]
    rows1b = [
        [a, n(b["frames"][a][0]), n(b["frames"][a][1]), n(dd)]
        for (a, _, _), dd in zip(AREAS, d, strict=False)
    ]
    rows1b.append(
        ["Sum netto driftsrammer", n(b["sums"][0]), n(b["sums"][1]), n(b["sums"][1] - b["sums"][0])]
    )
    p2 = [
        H1("3 Budsjettskjema"),
        C("Budsjettskjema 1A – drift (kr 1000)"),
        table_hovedoversikt(b, [0, 1]),
        C("Budsjettskjema 1B – netto rammer per rammeområde (kr 1000)"),
        T(
            ["Rammeområde", "Budsjett 2017", "Budsjett 2018", "Endring"],
            rows1b,
            (80, 30, 30, 30),
            ("L", "R", "R", "R"),
        ),
        P(
            "Endringene fra 2017 til 2018 skyldes i hovedsak lønnsoppgjøret, helårsvirkning av vedtak fra 2017 "
            "og innsparingstiltak. Lønnsreserven er budsjettert sentralt og fordeles etter oppgjøret."
        ),
    ]
    helse = [
        P(
            "Helse og omsorg får en økt ramme på grunn av flere brukere med omfattende behov i "
            "hjemmetjenesten. Antall korttidsplasser økes med to, og nattjenesten i hjemmesykepleien "
            "styrkes. Velferdsteknologi tas i bruk i alle omsorgsboliger i løpet av året."
        )
    ]
    if color == "yellow":
        helse.append(
            P(
                "Boligsosial handlingsplan 2017–2020 følges opp med en ny stilling som boligkoordinator fra "
                "1. mars 2018. Kommunen har søkt Husbanken om tilskudd til 16 nye utleieboliger. Målet er at "
                "færre vanskeligstilte skal bo i midlertidige botilbud, og at flere kan kjøpe egen bolig "
                "med startlån."
            )
        )
    p3 = [
        H1("4 Kommentarer til rammeområdene"),
        H2("4.1 Oppvekst og kultur"),
        P(
            "Rammen for oppvekst og kultur er redusert som følge av færre elever. Det er lagt inn midler til to "
            "nye lærerstillinger finansiert av statlige midler til tidlig innsats. Foreldrebetalingen i "
            "barnehagene følger maksimalprisen."
        ),
        H2("4.2 Helse og omsorg"),
        *helse,
        H2("4.3 Teknisk drift og eiendom"),
        P(
            "Budsjettet til vedlikehold av kommunale bygg er økt med kr 1,5 mill. Vintervedlikehold av veier er "
            "budsjettert ut fra gjennomsnittet for de siste fem årene."
        ),
        H1("5 Investeringsbudsjett 2018"),
        T(
            ["Prosjekt (kr 1000)", "Budsjett 2018"],
            [[nm, n(v[0])] for nm, v in m["inv"]] + [["Sum investeringer 2018", n(inv18)]],
            (120, 50),
            ("L", "R"),
        ),
    ]
    return [p1, p2, p3]


# ---------------------------------------------------------------------------
# 5 Oppvekstplan
# ---------------------------------------------------------------------------


def oppvekstplan(m, color, years, vedtatt):
    N = m["name"]
    k = list(MUNIS).index(m["key"])
    kids = sum(m["ages"][:2]) + int(m["ages"][2] * 0.035)
    p1 = [
        H1("1 Innledning"),
        P(
            "Oppvekstplanen er en temaplan som konkretiserer kommuneplanens mål for barn og unge. Planen omfatter "
            "barnehage, grunnskole, skolefritidsordning, kulturskole, helsestasjon og skolehelsetjeneste, "
            "barnevern og fritidstilbud. Den bygger på FNs barnekonvensjon, barnehageloven, opplæringsloven og "
            "folkehelseloven, og på nasjonale føringer om tidlig innsats og bedre tverrfaglig samarbeid."
        ),
        H2("1.1 Visjon og verdier"),
        P(
            f"Visjonen for oppvekstområdet er «{m['oppvekst_visjon']}». Alle barn og unge i {N} skal oppleve "
            f"trygghet, tilhørighet og mestring, og ingen skal falle utenfor fellesskapet. Verdiene respekt, "
            f"inkludering og nysgjerrighet skal prege møtet mellom voksne og barn i alle tjenestene."
        ),
        H2("1.2 Medvirkning"),
        P(
            "Barn og unge har medvirket gjennom elevrådene, ungdomsrådet og en egen spørreundersøkelse for "
            "elever på mellomtrinnet og ungdomstrinnet. Foreldrerådene i barnehagene og FAU ved skolene har gitt "
            "innspill til høringsutkastet. Planen ble vedtatt av kommunestyret " + vedtatt + "."
        ),
    ]
    tab = [
        ["Kommunale barnehager", str(5 + k), ""],
        ["Private barnehager", str(3 + (k % 2)), ""],
        ["Barn i barnehage", n(int(m["ages"][0] * 0.78)), "Dekningsgrad 1–5 år: 93 %"],
        ["Grunnskoler", str(6 + k), "Herav to fådelte skoler"],
        ["Elever i grunnskolen", n(int(m["ages"][1] * 0.99)), ""],
        ["Elever i SFO", n(int(m["ages"][1] * 0.21)), "1.–4. trinn"],
        ["Barn med tiltak fra barneverntjenesten", str(95 + 12 * k), "Per 31.12."],
    ]
    if color == "yellow" and N == "Sortland":
        levekar = [
            P(
                f"Om lag {n(m['lowinc'])} prosent av barna i {N} bor i husholdninger med vedvarende lavinntekt. "
                "Barnefattigdom kan føre til at barn ikke deltar i fritidsaktiviteter, og henger ofte sammen med "
                "trangboddhet og hyppige flyttinger. Oppvekstsektoren skal samarbeide med NAV og "
                "boligtjenesten slik at barnefamilier som er vanskeligstilte på boligmarkedet, får hjelp til "
                "en stabil bosituasjon, blant annet gjennom startlån og bostøtte."
            )
        ]
    elif color == "yellow":
        levekar = [
            P(
                f"I {N} bor {n(m['lowinc'])} prosent av barna i husholdninger med vedvarende lavinntekt, "
                f"mot {n(m['lowinc_f'])} prosent i landet. Kommunen vedtok i 2017 en boligsosial "
                "handlingsplan som blant annet gir barnefamilier prioritet ved tildeling av kommunale boliger. "
                "Oppvekstsektoren skal bidra ved å melde fra om familier som bor ustabilt, og ved å sørge for "
                "at barna kan fortsette på samme skole når familien må flytte. Barnefattigdom skal motvirkes "
                "gjennom gratis og lavterskel fritidstilbud."
            )
        ]
    else:
        levekar = [
            P(
                f"De fleste barn i {N} vokser opp i familier med god økonomi og trygge rammer. Likevel er det "
                "en økende andel barn som har foreldre uten tilknytning til arbeidslivet. Barn med "
                "innvandrerbakgrunn utgjør om lag 9 prosent av barnebefolkningen, og god integrering i "
                "barnehage og skole er viktig for at alle skal få like muligheter."
            )
        ]
    p2 = [
        H1(f"2 Barn og unge i {N}"),
        P(
            f"Per 1. januar bodde det om lag {n(kids)} barn og unge under 18 år i kommunen. Framskrivingene viser at "
            f"antall barn i barnehagealder vil være stabilt, mens antall elever i grunnskolen vil gå noe ned fram "
            f"mot 2025. Nedgangen er størst i kretsene utenfor {m['centre']}."
        ),
        C("Tabell 1: Barnehager, skoler og barnevern"),
        T(["Enhet", "Antall", "Merknad"], tab, (80, 25, 65), ("L", "R", "L")),
        H2("2.1 Ungdata og elevundersøkelsen"),
        P(
            f"De fleste ungdommer i {N} trives på skolen og i nærmiljøet, og de har minst én fortrolig venn. "
            f"Om lag 7 prosent rapporterer at de blir mobbet minst hver fjortende dag, og andelen som er fysisk "
            f"aktive, går ned med alderen. Flere jenter enn gutter oppgir at de er mye plaget av ensomhet og stress."
        ),
        H2("2.2 Levekår"),
        *levekar,
    ]
    p3 = [
        H1("3 Mål og strategier"),
        H2("3.1 Barnehage"),
        P(
            "Barnehagene skal gi alle barn et godt omsorgs- og læringsmiljø, med vekt på lek, språk og sosial "
            "kompetanse. Overgangen fra barnehage til skole skal være trygg og forutsigbar."
        ),
        B(
            "Kartlegge språk ved behov og sette inn tiltak tidlig.",
            "Styrke samarbeidet mellom barnehage, helsestasjon og PPT.",
            "Utarbeide felles plan for overgang barnehage–skole.",
        ),
        H2("3.2 Skole"),
        P(
            "Elevene skal oppleve mestring og ha et trygt og inkluderende skolemiljø. Skolene skal arbeide "
            "systematisk med grunnleggende ferdigheter og med elevenes psykiske helse."
        ),
        B(
            "Innføre intensiv lese- og regneopplæring på 1.–4. trinn.",
            "Følge opp opplæringsloven kapittel 9 A om elevenes skolemiljø.",
            "Redusere fravær og frafall gjennom tett oppfølging i overgangen til videregående.",
        ),
        H2("3.3 Fritid, kultur og fysisk aktivitet"),
        P(
            "Alle barn skal ha mulighet til å delta i minst én organisert fritidsaktivitet. Kommunen skal "
            "samarbeide med idrettslag og frivillige om rimelige og inkluderende tilbud."
        ),
        H2("3.4 Tidlig innsats og tverrfaglig samarbeid"),
        P(
            "Kommunen tar i bruk modellen Bedre tverrfaglig innsats (BTI), som gir en felles handlingsveileder "
            "for ansatte som er bekymret for et barn. Helsestasjon, barnevern, PPT, skole og barnehage skal "
            "samarbeide tettere, og foreldre skal involveres tidlig."
        ),
    ]
    tiltak = [
        ["1", "Innføre BTI-modellen i alle tjenester", "Kommunalsjef oppvekst", "2017"],
        ["2", "Felles plan for overgang barnehage–skole", "Barnehage/skole", "2017"],
        ["3", "Lese- og regnekurs for foreldre", "Skolene", "2018"],
        [
            "4",
            "Foreldreveiledning (ICDP) for alle førstegangsforeldre",
            "Helsestasjon",
            "2018–2020",
        ],
        ["5", "Aktivitetsdag for alle elever én gang per uke", "Skolene", "2018"],
    ]
    if color == "yellow" and N == "Sortland":
        tiltak.append(
            [
                "6",
                "Gratis kulturskoleplass for barn i familier med lavinntekt (tiltak mot barnefattigdom)",
                "Kulturskolen/NAV",
                "2017–2020",
            ]
        )
    elif color == "yellow":
        tiltak.append(
            [
                "6",
                "Utlånsordning for fritidsutstyr og gratis ferieaktiviteter (tiltak mot barnefattigdom)",
                "Kultur/frivillige",
                "2018",
            ]
        )
    else:
        tiltak.append(["6", "Ny ungdomsklubb i sentrum", "Kultur", "2018"])
    p4 = [
        H1("4 Tiltaksplan"),
        T(["Nr", "Tiltak", "Ansvar", "Tid"], tiltak, (10, 90, 45, 25), ("L", "L", "L", "L")),
        H1("5 Oppfølging"),
        P(
            "Tiltakene innarbeides i økonomiplanen og i virksomhetsplanene for barnehager og skoler. "
            "Kommunalsjef for oppvekst rapporterer på måloppnåelse i den årlige tilstandsrapporten for "
            "grunnskolen, som behandles av kommunestyret. Planen rulleres i forbindelse med kommunal planstrategi."
        ),
    ]
    return [p1, p2, p3, p4]


# ---------------------------------------------------------------------------
# 6 Folkehelseplan
# ---------------------------------------------------------------------------


def folkehelseplan(m, color, years, vedtatt):
    N = m["name"]
    k = list(MUNIS).index(m["key"])
    start = int(years[:4])
    ind = [
        [
            "Barn (0–17 år) i husholdninger med vedvarende lavinntekt (%)",
            n(m["lowinc"]),
            "8,6",
            n(m["lowinc_f"]),
        ],
        ["30–39 år med høyere utdanning (%)", n(38.0 + 2.5 * k), "46,1", "52,4"],
        ["Frafall i videregående skole (%)", n(26.0 - k * 1.5), "24,8", "21,3"],
        ["Uføretrygdede 18–44 år (%)", n(3.8 + 0.3 * k), "3,5", "2,6"],
        ["Overvekt inkl. fedme, 17-åringer (%)", n(27.0 - k), "25,4", "21,7"],
        ["10. klassinger som trives på skolen (%)", n(84.0 + k), "85,1", "86,2"],
    ]
    p1 = [
        H1("1 Innledning"),
        P(
            "Folkehelsearbeid er samfunnets innsats for å påvirke faktorer som direkte eller indirekte fremmer "
            "befolkningens helse og trivsel, forebygger sykdom og skade og utjevner sosiale helseforskjeller. "
            "Etter folkehelseloven § 4 har kommunen ansvar for å fremme folkehelse innen de oppgavene og med de "
            "virkemidlene kommunen er tillagt, blant annet gjennom planlegging etter plan- og bygningsloven."
        ),
        P(
            f"Planen bygger på oversiktsdokumentet «Helsetilstand og påvirkningsfaktorer i {N}» fra {start - 1}, "
            f"jf. folkehelseloven § 5, og på kommuneplanens mål om gode levekår for alle. Folkehelse er et ansvar "
            f"for hele kommunen, ikke bare for helsetjenesten – «helse i alt vi gjør»."
        ),
        H2("1.1 Organisering"),
        P(
            "Folkehelsekoordinator har ansvar for å samordne arbeidet. En tverrsektoriell arbeidsgruppe med "
            "representanter fra oppvekst, helse og omsorg, kultur, NAV og teknisk sektor har utarbeidet planen. "
            f"Planen ble vedtatt av kommunestyret {vedtatt}."
        ),
    ]
    p2 = [
        H1("2 Helsetilstand og påvirkningsfaktorer"),
        P(
            f"Tabellen viser utvalgte indikatorer fra folkehelseprofilen for {N}, sammenlignet med fylket og landet."
        ),
        T(["Indikator", N, "Nordland", "Landet"], ind, (95, 25, 25, 25), ("L", "R", "R", "R")),
        C(
            "Kilde: Folkehelseinstituttet, kommunehelsa statistikkbank. Tallene er gjengitt som eksempel."
        ),
        H2("2.1 Levekår"),
        P(
            f"Utdanning, arbeid og inntekt er de viktigste påvirkningsfaktorene for helse. {N} har en lavere andel "
            f"med høyere utdanning enn landet, og en høyere andel unge uføre. Frafallet i videregående skole har "
            f"gått ned, men er fortsatt høyere enn landsgjennomsnittet."
        ),
        H2("2.2 Levevaner"),
        P(
            "Andelen som røyker daglig, går ned, men andelen med overvekt øker. Ungdata viser at fysisk aktivitet "
            "avtar gjennom ungdomsskolen, og at skjermtiden øker."
        ),
        H2("2.3 Psykisk helse og rus"),
        P(
            "Psykiske plager og lidelser er blant de vanligste årsakene til sykefravær og uførhet. Bruken av "
            "legemidler mot angst og depresjon er høyere enn i landet. Alkoholbruken blant voksne har økt."
        ),
    ]
    if color == "red":
        bomiljo = [
            P(
                "Et godt bomiljø med trygge ferdselsårer, møteplasser og tilgang til grøntområder nær boligen "
                "fremmer fysisk aktivitet og sosial kontakt. Universell utforming av uteområder, turveier og "
                "møteplasser gjør det lettere for alle å delta. Nærmiljøanlegg og turstier skal prioriteres "
                "i nye og eksisterende boligområder."
            )
        ]
        opp_extra = []
    elif color == "yellow" and N == "Sortland":
        bomiljo = [
            P(
                "Et godt bomiljø med trygge ferdselsårer, møteplasser og tilgang til grøntområder fremmer "
                "fysisk aktivitet og sosial kontakt."
            ),
            P(
                "Å ha en trygg og stabil bolig er en grunnleggende forutsetning for god helse. Vanskeligstilte "
                "på boligmarkedet har oftere dårligere helse, lavere inntekt og svakere nettverk enn andre. "
                "Kommunen skal i planperioden lage en oversikt over boligbehovet til vanskeligstilte, "
                "som grunnlag for videre planarbeid."
            ),
        ]
        opp_extra = [
            P(
                "Barnefattigdom er en av de viktigste årsakene til sosiale helseforskjeller blant barn. "
                "Kommunen vil sikre at alle barn kan delta i fritidsaktiviteter uavhengig av familiens økonomi."
            )
        ]
    elif color == "yellow":
        bomiljo = [
            P(
                "Et godt bomiljø med trygge ferdselsårer, møteplasser og tilgang til natur fremmer fysisk "
                "aktivitet og sosial kontakt."
            ),
            P(
                "Bolig er en viktig sosial helsedeterminant. Personer som bor ustabilt eller i dårlige "
                "boliger, har oftere dårlig helse. Startlån fra Husbanken kan gjøre det mulig for "
                "vanskeligstilte familier å eie egen bolig, og kommunen bør forankre det boligsosiale "
                "arbeidet i kommuneplanen."
            ),
        ]
        opp_extra = []
    else:  # green: short here, a full chapter follows
        bomiljo = [
            P(
                "Et godt bomiljø med trygge ferdselsårer, møteplasser og tilgang til natur fremmer fysisk "
                "aktivitet og sosial kontakt. Bolig og helse er omtalt i eget kapittel 4."
            )
        ]
        opp_extra = []
    p3 = [
        H1("3 Satsingsområder og mål"),
        H2("3.1 Gode oppvekstsvilkår"),
        P(
            "Innsats tidlig i livet gir størst gevinst. Helsestasjon, barnehage og skole skal samarbeide om å "
            "fange opp barn og familier som trenger hjelp, og alle barn skal ha et trygt oppvekstmiljø."
        ),
        *opp_extra,
        H2("3.2 Fysisk aktivitet og friluftsliv"),
        P(
            f"Innbyggerne i {N} skal ha lett tilgang til natur og friluftsområder. Kommunen skal sikre turstier "
            f"og nærmiljøanlegg og legge til rette for fysisk aktivitet for alle aldersgrupper."
        ),
        H2("3.3 Bomiljø og nærmiljø"),
        *bomiljo,
        H2("3.4 Rus og psykisk helse"),
        P(
            "Kommunen skal styrke lavterskeltilbudene innen psykisk helse og rus, og arbeide forebyggende "
            "gjennom programmer i skolen og samarbeid med frivillige organisasjoner."
        ),
    ]
    tiltak = [
        ["Oppvekst", "Psykisk helse på timeplanen i ungdomsskolen", "Skolene", str(start)],
        [
            "Fysisk aktivitet",
            "Skilting og kartlegging av turstier i alle grendene",
            "Kultur",
            str(start + 1),
        ],
        ["Fysisk aktivitet", "Frisklivssentral med treningsgrupper og kurs", "Helse", str(start)],
        ["Nærmiljø", "Trygge skoleveier og nye nærmiljøanlegg", "Teknisk", f"{start}–{start + 2}"],
        ["Rus og psykisk helse", "Lavterskel samtaletilbud for ungdom", "Helsestasjon", str(start)],
    ]
    if color == "green":
        tiltak += [
            [
                "Bolig og helse",
                "Kartlegge vanskeligstilte på boligmarkedet hvert annet år",
                "NAV",
                f"{start + 1}",
            ],
            [
                "Bolig og helse",
                "Informasjonskampanje om startlån og bostøtte sammen med Husbanken",
                "NAV/Økonomi",
                str(start),
            ],
            [
                "Bolig og helse",
                "Ferieaktiviteter for barn i familier med lavinntekt (barnefattigdom)",
                "Kultur",
                f"{start}–{start + 3}",
            ],
            [
                "Bolig og helse",
                "Oppfølging i bolig for personer med rus- og psykiske lidelser",
                "Helse og omsorg",
                str(start + 1),
            ],
        ]
    p_tiltak = [
        H1(("5" if color == "green" else "4") + " Tiltaksplan"),
        T(
            ["Satsingsområde", "Tiltak", "Ansvar", "År"],
            tiltak,
            (35, 85, 28, 22),
            ("L", "L", "L", "L"),
        ),
        H1(("6" if color == "green" else "5") + " Evaluering"),
        P(
            "Folkehelsekoordinator rapporterer årlig til kommunestyret. Oversikten over helsetilstand og "
            "påvirkningsfaktorer oppdateres hvert fjerde år og danner grunnlag for neste planstrategi."
        ),
    ]
    pages = [p1, p2, p3]
    if color == "green":
        pages.append(
            [
                H1("4 Bolig og helse"),
                P(
                    "Boligen er en av de viktigste sosiale påvirkningsfaktorene for helse. Å bo trygt og stabilt gir "
                    "grunnlag for å fullføre skole, delta i arbeidslivet og ha et sosialt nettverk. Oversikten over "
                    f"folkehelsen i {N} viser at vanskeligstilte på boligmarkedet oftere har dårlig helse, lav inntekt "
                    "og svak tilknytning til arbeidslivet, og at problemene ofte forsterker hverandre."
                ),
                H2("4.1 Boligsosiale utfordringer"),
                P(
                    f"Kommunen har kartlagt at om lag 180 husstander er vanskeligstilte på boligmarkedet. Det gjelder "
                    f"blant annet personer med rus- og psykiske lidelser, flyktninger som er bosatt i kommunen, unge "
                    f"uten fast arbeid og barnefamilier med lavinntekt. Boligmarkedet i {m['centre']} har få små og "
                    f"rimelige utleieboliger, og mange leier boliger av dårlig kvalitet på det private markedet."
                ),
                P(
                    f"Barnefattigdom henger nært sammen med boforhold. Barn i familier med vedvarende lavinntekt bor "
                    f"oftere trangt, flytter oftere og har lengre vei til fritidsaktiviteter. I {N} bor "
                    f"{n(m['lowinc'])} prosent av barna i slike husholdninger."
                ),
                H2("4.2 Mål"),
                B(
                    f"Alle innbyggere i {N} skal ha en trygg og egnet bolig i et godt bomiljø.",
                    "Vanskeligstilte skal få hjelp til å skaffe og beholde en bolig, og barnefamilier skal prioriteres.",
                    "Ingen skal skrives ut fra institusjon eller løslates fra fengsel uten et sted å bo.",
                ),
                H2("4.3 Strategier"),
                P(
                    "Folkehelseplanen bygger på boligsosial handlingsplan 2017–2020 og på kommunens boligpolitikk. Fra "
                    "et folkehelseperspektiv vil kommunen særlig vektlegge:"
                ),
                B(
                    "Aktiv bruk av Husbankens virkemidler – startlån, bostøtte og tilskudd til utleieboliger – slik at "
                    "flere kan eie egen bolig.",
                    "Spredt lokalisering av kommunale utleieboliger i ordinære bomiljøer, ut fra prinsippet om "
                    "normalisering og for å unngå opphopning av levekårsutfordringer.",
                    "Nærhet til tjenester, kollektivtransport, skole og fritidstilbud når nye kommunale boliger "
                    "planlegges.",
                    "Universell utforming av nye boliger og uteområder, slik at flere kan bo hjemme lenger.",
                    "God bosetting og integrering av flyktninger gjennom samarbeid mellom flyktningtjenesten, NAV, "
                    "skole og frivillige lag.",
                    "Tiltak mot barnefattigdom ses i sammenheng med det boligsosiale arbeidet og med oppvekstplanen.",
                ),
                P(
                    "Boligpolitikken er et felles ansvar for flere sektorer. Folkehelsekoordinator deltar i det "
                    "boligsosiale forumet, som samordner arbeidet mellom NAV, helse og omsorg, flyktningtjenesten, "
                    "eiendomsavdelingen og Husbanken."
                ),
            ]
        )
        pages[-1], moved = pages[-1][:-1], pages[-1][-1:]
        p_tiltak = moved + p_tiltak
    pages.append(p_tiltak)
    return pages


# ---------------------------------------------------------------------------
# 7 Helse- og omsorgsplan
# ---------------------------------------------------------------------------


def helseplan(m, color, years, vedtatt):
    N, Cn = m["name"], m["centre"]
    k = list(MUNIS).index(m["key"])
    yrs = [2017, 2020, 2025, 2030]
    r = [age_row(m, y) for y in yrs]
    old = [
        ["67–79 år"] + [n(x[3]) for x in r],
        ["80–89 år"] + [n(int(round(x[4] * 0.78, -1))) for x in r],
        ["90 år og over"] + [n(x[4] - int(round(x[4] * 0.78, -1))) for x in r],
    ]
    p1 = [
        H1("1 Innledning"),
        P(
            f"Helse- og omsorgsplanen er en temaplan under kommuneplanen og skal gi retning for utviklingen av "
            f"helse- og omsorgstjenestene i {N} de neste ti årene. Planen omfatter legetjenester, helsestasjon, "
            f"psykisk helse og rus, hjemmetjenester, institusjonstjenester, tjenester til personer med "
            f"funksjonsnedsettelser og rehabilitering."
        ),
        P(
            "Planen bygger på helse- og omsorgstjenesteloven, folkehelseloven og pasient- og "
            "brukerrettighetsloven, og på nasjonale føringer som samhandlingsreformen, Meld. St. 29 (2012–2013) "
            "Morgendagens omsorg og Meld. St. 26 (2014–2015) Fremtidens primærhelsetjeneste."
        ),
        H2("1.1 Mål for planen"),
        B(
            "Innbyggerne skal få gode og likeverdige tjenester til rett tid og på rett nivå.",
            "Flest mulig skal kunne bo hjemme lengst mulig, med trygghet og god livskvalitet.",
            "Tjenestene skal bygge på brukernes egne ressurser og mål – «Hva er viktig for deg?».",
            "Kommunen skal ha tilstrekkelig og kompetent personell.",
        ),
        P(f"Planen ble vedtatt av kommunestyret {vedtatt}."),
    ]
    p2 = [
        H1("2 Utfordringer"),
        H2("2.1 Demografi"),
        P(
            f"Antall innbyggere over 80 år vil øke med om lag {pct_growth_80(m)} prosent fram mot 2030. Samtidig går "
            f"antall personer i yrkesaktiv alder ned, og det blir færre til å utføre tjenestene. Uten endringer i "
            f"tjenestemodellen vil behovet for sykehjemsplasser øke med over 30 plasser i planperioden."
        ),
        C("Tabell 1: Eldre innbyggere 2017 og framskrevet til 2030"),
        T(
            ["Aldersgruppe", "2017", "2020", "2025", "2030"],
            old,
            (52, 29, 29, 29, 29),
            ("L", "R", "R", "R", "R"),
        ),
        H2("2.2 Rekruttering og kompetanse"),
        P(
            "Kommunen har allerede i dag vansker med å rekruttere sykepleiere og helsefagarbeidere, særlig til "
            "helgestillinger. Andelen ansatte i små stillinger er høy. Heltidskultur og en langsiktig plan for "
            "kompetanseheving er avgjørende for å sikre tjenestene."
        ),
        H2("2.3 Nye brukergrupper og oppgaver"),
        P(
            "Etter samhandlingsreformen skrives pasienter raskere ut fra sykehus, og kommunen får ansvar for mer "
            "avansert behandling. Det er også flere yngre brukere med psykiske lidelser, rusproblemer og "
            "sammensatte behov, som trenger tjenester over lang tid."
        ),
    ]
    trapp = [
        ["Praktisk bistand og hjemmesykepleie", n(310 + 25 * k)],
        ["Trygghetsalarm og annen velferdsteknologi", n(260 + 20 * k)],
        ["Omsorgsboliger (med og uten bemanning)", n(112 + 8 * k)],
        ["Langtidsplasser i sykehjem", n(62 + 6 * k)],
        ["Korttids- og rehabiliteringsplasser", n(12 + k)],
        ["Dagaktivitetstilbud for personer med demens (plasser)", n(10 + 2 * k)],
    ]
    if color == "yellow" and N == "Vågan":
        bolig = [
            P(
                f"Tilpassede boliger er en forutsetning for at flere kan bo hjemme. Kommunen vil søke Husbanken "
                f"om investeringstilskudd til 20 nye omsorgsboliger med heldøgns bemanning i {Cn}. Det er også "
                f"behov for flere boliger med oppfølging for personer med rus- og psykiske lidelser, som i dag er "
                f"blant de mest vanskeligstilte. Nye boliger skal ha universell utforming og ligge nær "
                f"hjemmetjenestens base."
            )
        ]
    elif color == "yellow":
        bolig = [
            P(
                f"Tilpassede boliger er en forutsetning for at flere kan bo hjemme. Kommunen vil søke "
                f"Husbankens investeringstilskudd til 16 nye omsorgsboliger ved omsorgssenteret i {Cn}. "
                f"Kommunen har ingen boligsosial handlingsplan, og arbeidet med boliger for vanskeligstilte bør "
                f"samordnes bedre mellom helse og omsorg, NAV og eiendomsavdelingen."
            )
        ]
    else:
        bolig = [P("Behovet for boliger med tjenester er omtalt i kapittel 5.")]
    p3 = [
        H1("3 Tjenestene i dag"),
        P(
            "Tjenestene er organisert etter en omsorgstrapp, der brukerne skal få hjelp på laveste effektive "
            "omsorgsnivå. Tabellen viser antall brukere og plasser per 31.12.2016."
        ),
        T(["Tjenestenivå", "Brukere/plasser"], trapp, (125, 45), ("L", "R")),
        H1("4 Strategier"),
        H2("4.1 Hverdagsrehabilitering og mestring"),
        P(
            "Hverdagsrehabilitering skal innføres i hele hjemmetjenesten. Målet er at brukerne skal klare mer "
            "selv, slik at behovet for tjenester utsettes eller reduseres."
        ),
        H2("4.2 Velferdsteknologi"),
        P(
            "Digitale trygghetsalarmer, elektroniske dørlåser, medisindispensere og sensorer skal tas i bruk "
            "som en del av det ordinære tjenestetilbudet."
        ),
        H2("4.3 Boliger og botilbud"),
        *bolig,
    ]
    tiltak = [
        ["Innføre hverdagsrehabilitering i hele kommunen", "Hjemmetjenesten", "2018"],
        ["Velferdsteknologi i alle omsorgsboliger", "Helse og omsorg", "2018–2019"],
        ["Heltidsprosjekt i sykehjemmene", "Personal/helse", "2018–2020"],
        ["Demensteam og pårørendeskole", "Helse og omsorg", "2018"],
    ]
    if color == "green":
        tiltak += [
            [
                "Etablere felles boligkontor (tildeling, startlån, oppfølging)",
                "Rådmann/NAV",
                "2018",
            ],
            ["Utarbeide boligsosial handlingsplan", "Helse og omsorg/NAV", "2018–2019"],
            [
                "12 omsorgsboliger på Holmstad med investeringstilskudd fra Husbanken",
                "Eiendom",
                "2019–2020",
            ],
            ["Kartlegge vanskeligstilte på boligmarkedet hvert annet år", "NAV", "2018"],
            [
                "Prioritere barnefamilier ved tildeling (mot barnefattigdom)",
                "Boligkontoret",
                "2018",
            ],
            [
                "Oppfølging i bolig for personer med rus- og psykiske lidelser (ROP)",
                "Psykisk helse og rus",
                "2018",
            ],
        ]
    elif color == "yellow":
        tiltak.append(
            [f"Søke om investeringstilskudd til nye omsorgsboliger i {Cn}", "Eiendom", "2018"]
        )
    p_last = [
        H1(("6" if color == "green" else "5") + " Tiltak"),
        T(["Tiltak", "Ansvar", "Tid"], tiltak, (110, 35, 25), ("L", "L", "L")),
        H1(("7" if color == "green" else "6") + " Økonomi og oppfølging"),
        P(
            "Tiltak med økonomiske konsekvenser innarbeides i økonomiplanen. Kommunalsjef for helse og omsorg "
            "rapporterer årlig på gjennomføringen."
        ),
    ]
    pages = [p1, p2, p3]
    if color == "green":
        pages.append(
            [
                H1("5 Bolig for velferd"),
                P(
                    f"{N} kommune har ingen gjeldende boligsosial handlingsplan. Inntil en slik plan er utarbeidet, "
                    f"samler dette kapitlet kommunens mål og tiltak for det boligsosiale arbeidet innen helse og "
                    f"omsorg. Kapitlet bygger på den nasjonale strategien Bolig for velferd (2014–2020) og dens tre "
                    f"hovedmål: alle skal ha et godt sted å bo, alle med behov for tjenester skal få hjelp til å mestre "
                    f"boforholdet, og den offentlige innsatsen skal være helhetlig og effektiv."
                ),
                H2(f"5.1 Vanskeligstilte på boligmarkedet i {N}"),
                P(
                    f"Vanskeligstilte på boligmarkedet er personer og familier som ikke har mulighet til å skaffe seg "
                    f"eller opprettholde et tilfredsstillende boforhold på egen hånd. I {N} gjelder dette særlig "
                    f"personer med rus- og psykiske lidelser, personer med utviklingshemming, eldre med omfattende "
                    f"hjelpebehov i uegnede boliger, flyktninger og barnefamilier med lavinntekt. En kartlegging høsten "
                    f"2016 viste 86 vanskeligstilte husstander, hvorav 9 var bostedsløse."
                ),
                P(
                    f"Boligmarkedet i {N} er stramt. Det bygges mange nye leiligheter i {m['sentrum']}, men prisene er "
                    f"høye, og det er få rimelige utleieboliger. Kommunen eier 184 boliger, hvorav 112 omsorgsboliger "
                    f"og 72 kommunale utleieboliger. Mange av utleieboligene er eldre og ikke tilpasset brukere med "
                    f"nedsatt funksjonsevne."
                ),
                H2("5.2 Husbankens virkemidler"),
                P(
                    "Husbanken er kommunens viktigste samarbeidspartner i boligpolitikken. Kommunen bruker startlån, "
                    "bostøtte, tilskudd til tilpasning og investeringstilskudd til omsorgsboliger og sykehjemsplasser. "
                    "I 2016 fikk 41 husstander startlån, og 356 husstander mottok bostøtte. Kommunen vil i større grad "
                    "bruke startlån slik at vanskeligstilte som i dag leier kommunalt, kan kjøpe egen bolig."
                ),
                H2("5.3 Prinsipper for boliger med tjenester"),
                B(
                    "Normalisering: Boliger for personer med utviklingshemming og psykiske lidelser skal være "
                    "ordinære boliger i vanlige bomiljøer, ikke store bofellesskap med institusjonspreg.",
                    f"Nærhet til tjenester: Omsorgsboliger med heldøgns bemanning lokaliseres nær sykehjemmet og "
                    f"hjemmetjenestens base i {m['sentrum']}.",
                    "Universell utforming: Alle nye kommunale boliger skal være universelt utformet og tilrettelagt "
                    "for velferdsteknologi.",
                    "Integrering: Bosetting av flyktninger skal skje i ordinære bomiljøer, med oppfølging fra "
                    "flyktningtjenesten i introduksjonsperioden.",
                ),
                H2("5.4 Boligsosialt arbeid på tvers av tjenestene"),
                P(
                    "Det boligsosiale arbeidet er i dag fordelt på helse og omsorg, NAV, flyktningtjenesten og "
                    "eiendomsavdelingen. Det mangler en felles oversikt over boligbehovet, og kommunale boliger tildeles "
                    "i flere ulike fora. Kommunen vil derfor etablere et felles boligkontor med ansvar for tildeling, "
                    "startlån og oppfølging av leietakere, og utarbeide en egen boligsosial handlingsplan innen 2019. "
                    "Boligpolitikken skal også bidra til å redusere barnefattigdom: barnefamilier skal prioriteres ved "
                    "tildeling, og barn skal ikke bo lenge i midlertidige botilbud."
                ),
            ]
        )
        pages[-1], moved = split_at(pages[-1], "5.4 Boligsosialt arbeid på tvers av tjenestene")
        p_last = moved + p_last
    pages.append(p_last)
    return pages


# ---------------------------------------------------------------------------
# 8 Kommunal planstrategi
# ---------------------------------------------------------------------------

PLANLISTS = {
    "Sortland": [
        ["Kommuneplanens samfunnsdel", "2006", "Revideres", "2017", "Rådmann"],
        ["Kommuneplanens arealdel", "2014", "Videreføres", "–", "Plan og utvikling"],
        ["Økonomiplan med handlingsdel", "Årlig", "Rulleres årlig", "Årlig", "Økonomi"],
        ["Helse- og omsorgsplan", "Under arbeid", "Sluttføres", "2016", "Helse og omsorg"],
        ["Oppvekstplan", "2016", "Videreføres", "–", "Oppvekst"],
        ["Folkehelseplan", "2016", "Videreføres", "–", "Folkehelsekoordinator"],
        ["Klima- og energiplan", "2010", "Revideres", "2017", "Plan og utvikling"],
        ["Strategisk næringsplan", "2012", "Revideres", "2017", "Næring"],
        ["Plan for idrett og fysisk aktivitet", "2015", "Rulleres årlig", "Årlig", "Kultur"],
        ["Helhetlig ROS og beredskapsplan", "2013", "Revideres", "2017", "Rådmann"],
    ],
    "Vagan": [
        ["Kommuneplanens samfunnsdel", "2014", "Videreføres", "–", "Rådmann"],
        ["Kommuneplanens arealdel", "2016", "Vedtatt i perioden", "–", "Plan og utvikling"],
        ["Handlingsprogram og økonomiplan", "Årlig", "Rulleres årlig", "Årlig", "Økonomi"],
        ["Helse- og omsorgsplan", "2014", "Videreføres", "–", "Helse og omsorg"],
        ["Oppvekstplan", "2015", "Videreføres", "–", "Oppvekst"],
        ["Folkehelseplan", "–", "Ny plan", "2016", "Folkehelsekoordinator"],
        ["Boligsosial handlingsplan", "–", "Ny plan", "2017", "Helse og omsorg/NAV"],
        ["Strategisk næringsplan for reiseliv og fiskeri", "2011", "Revideres", "2017", "Næring"],
        ["Klima- og energiplan", "2011", "Revideres", "2018", "Plan og utvikling"],
        ["Kommunedelplan for Henningsvær", "2008", "Revideres", "2018", "Plan og utvikling"],
    ],
    "Fauske": [
        ["Kommuneplanens samfunnsdel", "2016", "Vedtatt i perioden", "–", "Rådmann"],
        ["Kommuneplanens arealdel", "2011", "Revideres", "2018", "Plan og utvikling"],
        ["Økonomiplan med handlingsdel", "Årlig", "Rulleres årlig", "Årlig", "Økonomi"],
        ["Helse- og omsorgsplan", "2016", "Videreføres", "–", "Helse og omsorg"],
        ["Folkehelseplan", "2015", "Revideres", "2018", "Folkehelsekoordinator"],
        ["Strategisk næringsplan", "2009", "Revideres", "2017", "Næring"],
        ["Klima- og energiplan", "2010", "Revideres", "2017", "Plan og utvikling"],
        ["Sentrumsplan Fauske", "–", "Ny plan", "2017", "Plan og utvikling"],
        ["Hovedplan vann og avløp", "2008", "Revideres", "2018", "Teknisk"],
        ["Helhetlig ROS og beredskapsplan", "2014", "Revideres", "2019", "Rådmann"],
    ],
    "Vefsn": [
        ["Kommuneplanens samfunnsdel", "2015", "Videreføres", "–", "Rådmann"],
        ["Kommuneplanens arealdel", "2015", "Videreføres", "–", "Plan og utvikling"],
        ["Handlingsprogram og økonomiplan", "Årlig", "Rulleres årlig", "Årlig", "Økonomi"],
        ["Boligsosial handlingsplan 2017–2020", "2017", "Rulleres", "2020", "Helse og velferd"],
        ["Folkehelseplan", "–", "Ny plan", "2017", "Folkehelsekoordinator"],
        ["Oppvekstplan", "–", "Ny plan", "2017", "Oppvekst"],
        ["Helse- og omsorgsplan", "2012", "Revideres", "2018", "Helse og velferd"],
        ["Klima- og energiplan", "2011", "Revideres", "2018", "Plan og utvikling"],
        ["Sentrumsplan Mosjøen", "2014", "Videreføres", "–", "Plan og utvikling"],
        ["Strategisk næringsplan", "2013", "Revideres", "2019", "Næring"],
    ],
}


def planstrategi(m, color, years, vedtatt):
    N = m["name"]
    b = budget(m)
    ndr = {"Sortland": "-1,2", "Vagan": "0,4", "Fauske": "-0,6", "Vefsn": "0,8"}[m["key"]]
    p1 = [
        H1("1 Innledning"),
        P(
            "Etter plan- og bygningsloven § 10-1 skal kommunestyret minst én gang i hver valgperiode, og senest "
            "innen ett år etter konstituering, utarbeide og vedta en kommunal planstrategi. Planstrategien skal "
            "omfatte en drøfting av kommunens strategiske valg knyttet til samfunnsutvikling, langsiktig "
            "arealbruk, miljøutfordringer, sektorenes virksomhet og en vurdering av planbehovet i valgperioden."
        ),
        P(
            "Planstrategien er ikke en plan, men et verktøy for å prioritere planoppgavene. Kommunestyret tar "
            "stilling til om kommuneplanen eller deler av den skal revideres, eller om gjeldende plan skal "
            f"videreføres uten endringer. Planstrategien ble vedtatt av kommunestyret {vedtatt}."
        ),
        H2("1.1 Nasjonale og regionale forventninger"),
        P(
            "Nasjonale forventninger til regional og kommunal planlegging (2015) legger vekt på gode og effektive "
            "planprosesser, bærekraftig areal- og samfunnsutvikling og attraktive og klimavennlige by- og "
            "tettstedsområder. Regional planstrategi for Nordland og Fylkesplan for Nordland 2013–2025 er også "
            "lagt til grunn."
        ),
        H2("1.2 Medvirkning"),
        P(
            "Forslaget til planstrategi ble gjort offentlig minst 30 dager før kommunestyrets behandling, jf. "
            "pbl. § 10-1 andre ledd. Nabokommunene, fylkeskommunen og statlige organer ble invitert til å gi innspill."
        ),
    ]
    p2 = [
        H1("2 Utviklingstrekk og utfordringer"),
        H2("2.1 Befolkning og demografi"),
        P(
            f"{N} hadde {n(pop(m))} innbyggere ved inngangen til 2017. Folketallet har vært stabilt, men "
            f"alderssammensetningen endrer seg: antall innbyggere over 80 år øker med om lag {pct_growth_80(m)} "
            f"prosent fram mot 2030, mens antall barn og unge går ned. Netto innflytting fra utlandet har de siste "
            f"årene veid opp for fødselsunderskudd og utflytting av unge voksne."
        ),
        H2("2.2 Kommunens økonomi"),
        P(
            f"Netto driftsresultat var {ndr} prosent av driftsinntektene i 2015, godt under det anbefalte nivået på "
            f"1,75 prosent. Lånegjelden er høy, og disposisjonsfondet er lavt. Kommunen står overfor store "
            f"investeringer i skole og omsorg. En viktig oppgave i valgperioden er å tilpasse driften til "
            f"inntektene, slik at kommunen får økonomisk handlingsrom. Samlede netto driftsrammer er i 2017 "
            f"kr {n(b['sums'][0])} 000."
        ),
        H2("2.3 Næringsutvikling og arbeidsmarked"),
        P(m["naering"]),
        H2("2.4 Klima, miljø og samfunnssikkerhet"),
        P(
            "Klimaendringene gir økt fare for flom, overvann og skred. Kommunen må oppdatere helhetlig risiko- og "
            "sårbarhetsanalyse og innarbeide klimatilpasning i arealplanleggingen. Klima- og energiplanen er "
            "utdatert og har ikke mål for kommunens egne utslipp."
        ),
    ]
    if color == "yellow" and N == "Vågan":
        p2 += [
            H2("2.5 Levekår og bolig"),
            P(
                "Kommunen har ingen samlet oversikt over boligbehovet til vanskeligstilte. NAV og helse- og "
                "omsorgstjenesten melder om mangel på egnede boliger for personer med rus- og psykiske lidelser og "
                "for flyktninger som skal bosettes. Det er behov for en boligsosial handlingsplan som samordner "
                "innsatsen og sikrer at vanskeligstilte får et godt sted å bo."
            ),
        ]
    elif color == "yellow":
        p2 += [
            H2("2.5 Levekår og bolig"),
            P(
                "Kommunen vedtok boligsosial handlingsplan 2017–2020 i juni 2017. Planen følges opp gjennom "
                "handlingsprogrammet og i samarbeid med Husbanken. Når samfunnsdelen revideres, bør kommunen "
                "vurdere hvordan hensynet til vanskeligstilte kan innarbeides også i arealplanleggingen, blant "
                "annet ved lokalisering av nye utleieboliger."
            ),
        ]
    if color == "red":
        prio = B(
            "Økonomisk omstilling og ny økonomiplanmodell med tydelige prioriteringer.",
            "Revisjon av klima- og energiplanen med mål for kommunens egne utslipp.",
            "Ny strategisk næringsplan i samarbeid med næringslivet.",
            "Oppdatert helhetlig ROS-analyse og beredskapsplan.",
        )
    else:
        prio = B(
            "Økonomisk omstilling og bedre sammenheng mellom plan og budsjett.",
            "Revisjon av klima- og energiplanen.",
            "Ny strategisk næringsplan.",
            "Oppfølging av det boligsosiale arbeidet.",
        )
    p3 = [
        H1("3 Vurdering av planbehov"),
        P(
            "Tabellen gir en oversikt over gjeldende planer og kommunestyrets vurdering av behovet for revisjon "
            "eller nye planer i valgperioden."
        ),
        T(
            ["Plan", "Vedtatt", "Vurdering", "Oppstart", "Ansvar"],
            PLANLISTS[m["key"]],
            (58, 22, 34, 20, 36),
            ("L", "L", "L", "L", "L"),
        ),
        H1("4 Prioriterte planoppgaver"),
        P("Kommunestyret prioriterer følgende oppgaver i valgperioden:"),
        prio,
        H1("5 Ressurser"),
        P(
            "Planarbeidet skal gjennomføres innenfor dagens ressurser i plan- og utviklingsavdelingen. Større "
            "planoppgaver kan kreve innleid kompetanse, og dette innarbeides i økonomiplanen."
        ),
    ]
    return [p1, p2, p3]


# ---------------------------------------------------------------------------
# 9 Boligsosial handlingsplan (Vefsn, green)
# ---------------------------------------------------------------------------


def boligsosial_plan(m):
    N, Cn = m["name"], m["centre"]
    p1 = [
        H1("1 Innledning"),
        P(
            "Boligen er en grunnleggende forutsetning for helse, utdanning, arbeid og deltakelse i samfunnet. Et "
            "godt sted å bo er viktig for å mestre eget liv, og for at barn skal ha en trygg oppvekst. Denne planen "
            f"er {N} kommunes første boligsosiale handlingsplan. Den skal samordne kommunens boligsosiale arbeid "
            "og gi retning for boligpolitikken overfor dem som ikke selv klarer å skaffe seg eller beholde en "
            "egnet bolig."
        ),
        P(
            "Planen er en temaplan under kommuneplanens samfunnsdel 2015–2027 og bygger på den nasjonale "
            "strategien Bolig for velferd (2014–2020). Strategien har tre hovedmål: alle skal ha et godt sted å "
            "bo; alle med behov for tjenester skal få hjelp til å mestre boforholdet; og den offentlige innsatsen "
            "skal være helhetlig og effektiv. Sentrale lover er plan- og bygningsloven, folkehelseloven, lov om "
            "sosiale tjenester i NAV, helse- og omsorgstjenesteloven og husleieloven."
        ),
        H2("1.1 Hvem er vanskeligstilte på boligmarkedet?"),
        P(
            "Vanskeligstilte på boligmarkedet er personer og familier som ikke har mulighet til å skaffe seg "
            "og/eller opprettholde et tilfredsstillende boforhold på egen hånd. De er uten egen bolig, står i fare "
            "for å miste boligen sin, eller bor i uegnet bolig eller bomiljø. Å være vanskeligstilt er ofte en "
            "midlertidig situasjon, men for noen er behovet for bistand varig."
        ),
        H2("1.2 Planprosess"),
        P(
            f"Planen er utarbeidet av en tverrfaglig arbeidsgruppe med representanter fra NAV {N}, helse og "
            "omsorg, psykisk helse og rus, flyktningtjenesten, barnevernet, eiendomsavdelingen og plan og "
            "utvikling. Husbanken har deltatt som rådgiver. Brukerorganisasjoner og eldrerådet har gitt innspill i "
            "to dialogmøter, og planen har vært på høring i seks uker."
        ),
    ]
    p2 = [
        H1("2 Status og utfordringer"),
        H2(f"2.1 Demografi og boligmarkedet i {N}"),
        P(
            f"{N} har om lag {n(round(pop(m), -2))} innbyggere, og folketallet har vært stabilt de siste ti årene. "
            f"Antall eldre over 80 år vil øke med om lag {pct_growth_80(m)} prosent fram mot 2030, mens antall unge "
            f"voksne går ned. Befolkningsveksten kommer i hovedsak fra innvandring, blant annet fra bosetting av "
            f"flyktninger."
        ),
        P(
            f"Boligmarkedet i {Cn} er preget av eneboliger i eie. Bare 19 prosent av boligmassen er leiligheter, og "
            f"det er få små og rimelige utleieboliger. Boligprisene er lave sammenlignet med landet, men for "
            f"husstander med lav og ustabil inntekt er det likevel vanskelig å komme inn på boligmarkedet, fordi "
            f"bankene krever egenkapital. Leieprisene for mindre leiligheter i sentrum har økt med om lag 20 "
            f"prosent siden 2012."
        ),
        P(
            "Kommunens boligpolitikk har tradisjonelt vært rettet mot å skaffe tomter til eneboliger. Det har "
            "gitt gode boforhold for de fleste, men lite tilbud til vanskeligstilte som trenger en liten og "
            "rimelig utleiebolig nær sentrum."
        ),
        H2("2.2 Kommunale utleieboliger"),
        P(f"{N} kommune disponerer 295 boliger. Tabellen viser fordelingen."),
        T(
            ["Boligtype", "Antall", "Merknad"],
            [
                ["Ordinære kommunale utleieboliger", "142", "31 har lav standard"],
                ["Omsorgsboliger for eldre og funksjonshemmede", "96", "40 med heldøgns bemanning"],
                [
                    "Boliger for personer med rus- og psykiske lidelser",
                    "18",
                    f"Samlokalisert på {m['places'][0]}",
                ],
                ["Boliger for bosetting av flyktninger", "35", "Delvis innleid fra private"],
                ["Midlertidige boliger (akutt)", "4", "Gjennomsnittlig botid 7 uker"],
                ["Sum", "295", ""],
            ],
            (90, 20, 60),
            ("L", "R", "L"),
        ),
        P(
            "Ved utgangen av 2016 sto 41 husstander på venteliste. Gjennomstrømningen er lav: halvparten av "
            "leietakerne har bodd kommunalt i mer enn fem år. Mange av de eldste boligene ligger samlet, noe som "
            "er uheldig med tanke på normalisering og bomiljø."
        ),
    ]
    p3 = [
        H2("2.3 Husbankens virkemidler"),
        P(
            "Husbanken er kommunens viktigste samarbeidspartner i det boligsosiale arbeidet. Tabellen viser "
            f"bruken av Husbankens virkemidler i {N} de tre siste årene."
        ),
        T(
            ["Virkemiddel", "2014", "2015", "2016"],
            [
                ["Startlån, antall husstander", "34", "37", "41"],
                ["Startlån, beløp (kr 1000)", "29 400", "33 100", "38 600"],
                ["Bostøtte, antall husstander (desember)", "441", "428", "417"],
                ["Tilskudd til utleieboliger, antall boliger", "8", "0", "16"],
                ["Tilskudd til tilpasning, antall", "11", "9", "12"],
            ],
            (95, 25, 25, 25),
            ("L", "R", "R", "R"),
        ),
        P(
            "Bruken av startlån har økt, men kommunen har i liten grad brukt startlån for å hjelpe leietakere i "
            "kommunale boliger over i egen bolig. Bostøtten er viktig for mange, men endringene i regelverket har "
            "ført til at færre unge uføre får bostøtte."
        ),
        H2("2.4 Målgrupper"),
        HY(
            "Kartleggingen av boligbehovet høsten 2016 omfattet 182 husstander. Flertallet av de vanskelig-",
            "stilte husstandene er enslige under 35 år, men antallet barnefamilier har økt. Kartleggingen viser",
            "at 21 personer var bostedsløse, og at 9 av dem hadde en kombinasjon av rusproblemer og psykiske",
            "lidelser (ROP). Planen prioriterer disse gruppene:",
        ),
        B(
            "Personer med rus- og psykiske lidelser som trenger bolig med oppfølging.",
            "Flyktninger: Kommunen har vedtatt å bosette 30 flyktninger per år. God integrering forutsetter at "
            "boligene ligger nær skole, arbeid og tjenester.",
            "Personer med utviklingshemming og fysisk funksjonsnedsettelse som trenger tilpasset og universelt "
            "utformet bolig.",
            "Unge i etableringsfasen uten egenkapital eller fast inntekt.",
            "Personer som løslates fra fengsel eller skrives ut fra institusjon.",
            "Barnefamilier med lavinntekt.",
        ),
        H2("2.5 Barnefattigdom og bolig"),
        P(
            f"I {N} bor {n(m['lowinc'])} prosent av barna i husholdninger med vedvarende lavinntekt. Barnefattigdom "
            f"henger nært sammen med boforhold: familiene bor oftere trangt, leier oftere og flytter oftere, og "
            f"barna må bytte skole og venner. Boligpolitikken er derfor et viktig virkemiddel mot barnefattigdom."
        ),
    ]
    p4 = [
        H1("3 Mål og strategier"),
        P(
            f"Hovedmålet for planen er: «Alle innbyggere i {N} skal ha et godt og trygt sted å bo.» Hovedmålet "
            f"følges opp gjennom fire delmål med strategier."
        ),
        H2("Delmål 1: Flere vanskeligstilte skal eie egen bolig"),
        B(
            "Øke rammen for startlån og prioritere barnefamilier og unge.",
            "Tilby leie-til-eie for leietakere i kommunale boliger, i samarbeid med Husbanken.",
            "Gi økonomisk rådgivning til alle som søker startlån.",
        ),
        H2("Delmål 2: Kommunen skal ha nok og egnede utleieboliger"),
        B(
            "Bygge eller kjøpe 30 nye utleieboliger i planperioden med tilskudd fra Husbanken.",
            "Selge boliger med lav standard og kjøpe spredte leiligheter i ordinære bomiljøer (normalisering).",
            "Alle nye kommunale boliger skal ha universell utforming og nærhet til tjenester og kollektivtransport.",
        ),
        H2("Delmål 3: Alle skal få hjelp til å mestre boforholdet"),
        B(
            "Etablere et tverrfaglig oppfølgingsteam i bolig for personer med rus- og psykiske lidelser.",
            "Sikre at ingen skrives ut fra institusjon eller løslates fra fengsel uten bolig.",
            "Forebygge utkastelser gjennom tidlig kontakt ved husleierestanser.",
        ),
        H2("Delmål 4: Det boligsosiale arbeidet skal være helhetlig og effektivt"),
        B(
            "Etablere et boligkontor med ansvar for tildeling, startlån, bostøtte og oppfølging.",
            "Opprette et boligsosialt forum med deltakelse fra alle berørte tjenester.",
            "Innarbeide boligsosiale hensyn i kommuneplanens samfunnsdel og arealdel ved neste revisjon, slik at "
            "boligpolitikken blir en del av den helhetlige planleggingen.",
        ),
    ]
    p5 = [
        H1("4 Handlingsplan"),
        T(
            ["Nr", "Tiltak", "Ansvar", "Tid", "Finansiering"],
            [
                [
                    "1",
                    "Etablere boligkontor og boligkoordinator",
                    "Rådmann/NAV",
                    "2018",
                    "Drift, kr 750 000",
                ],
                [
                    "2",
                    "Øke rammen for startlån til kr 40 mill.",
                    "Økonomi",
                    "2018",
                    "Lån i Husbanken",
                ],
                [
                    "3",
                    f"16 nye utleieboliger på {m['places'][1]}",
                    "Eiendom",
                    "2019–2020",
                    "Tilskudd fra Husbanken og lån",
                ],
                [
                    "4",
                    "Salg av 20 boliger med lav standard",
                    "Eiendom",
                    "2018–2020",
                    "Salgsinntekter",
                ],
                [
                    "5",
                    "Oppfølgingsteam i bolig (ROP)",
                    "Helse og omsorg",
                    "2018",
                    "Tilskudd og drift",
                ],
                [
                    "6",
                    "Kartlegge vanskeligstilte på boligmarkedet",
                    "NAV",
                    "Annethvert år",
                    "Drift",
                ],
                ["7", "Leie-til-eie-ordning for barnefamilier", "NAV/Økonomi", "2019", "Startlån"],
                [
                    "8",
                    "Rutine for samarbeid ved løslatelse og utskrivning",
                    "Helse og omsorg/NAV",
                    "2018",
                    "Drift",
                ],
                [
                    "9",
                    "Prioritere barnefamilier ved tildeling (tiltak mot barnefattigdom)",
                    "Boligkontoret",
                    "2018",
                    "Drift",
                ],
            ],
            (9, 63, 34, 24, 40),
            ("L", "L", "L", "L", "L"),
        ),
        H1("5 Oppfølging og evaluering"),
        P(
            "Handlingsplanen følges opp gjennom kommunens handlingsprogram og økonomiplan, og tiltakene "
            "innarbeides i budsjettet hvert år. Boligsosialt forum rapporterer årlig til kommunestyret om "
            "måloppnåelse, med indikatorer for antall bostedsløse, ventetid på kommunal bolig, antall innvilgede "
            "startlån og antall barnefamilier i kommunale utleieboliger. Resultatene skal brukes i kommunens "
            "boligpolitikk og i arbeidet mot barnefattigdom. Planen rulleres i 2020, i tråd med kommunal "
            "planstrategi."
        ),
    ]
    return [p1, p2, p3, p4, p5]


# ---------------------------------------------------------------------------
# PDF writer (fpdf2, core font Helvetica)
# ---------------------------------------------------------------------------
# fpdf2 declares /WinAnsiEncoding for its core fonts, so text is encoded as
# windows-1252: æ ø å, « », § and the en dash "–" all render and extract
# correctly. Characters outside windows-1252 are mapped here, or rejected.

PDF_CHAR_MAP = {"\u2212": "-", "\u2011": "-", "\u00a0": " ", "\u2264": "<=", "\u2265": ">="}


def pdf_text(s: str) -> str:
    s = "".join(PDF_CHAR_MAP.get(ch, ch) for ch in s)
    s.encode("cp1252")  # fail loudly rather than write a broken PDF
    return s


class PlanPDF(FPDF):
    def __init__(self, footer_label: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.footer_label = footer_label
        self.set_margins(20, 14, 20)
        self.set_auto_page_break(True, margin=18)

    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 4, pdf_text(FICTION), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(
            0, 4, pdf_text(f"{self.footer_label} – side {self.page_no()} av {{nb}}"), align="C"
        )
        self.set_text_color(0, 0, 0)


def render_pdf(spec, pages, path: Path) -> None:
    pdf = PlanPDF(spec["label"])
    pdf.set_title(pdf_text(spec["title"]))
    pdf.set_author(AUTHOR)
    pdf.set_subject(pdf_text(FICTION))
    pdf.set_creator("planscan examples/generate.py")
    pdf.set_producer("planscan examples (fpdf2)")
    pdf.set_keywords(pdf_text(f"{spec['level']}; oppdiktet eksempel"))
    pdf.set_lang("nb")
    pdf.set_creation_date(spec.get("date", FIXED_DT))
    epw = pdf.w - pdf.l_margin - pdf.r_margin
    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
    for i, page in enumerate(pages):
        pdf.add_page()
        if i == 0:
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 9, pdf_text(spec["title"]), **nl)
            pdf.ln(1)
            pdf.set_font("Helvetica", "", 11)
            for sub in spec["subtitle"]:
                pdf.multi_cell(0, 6, pdf_text(sub), **nl)
            pdf.ln(5)
        for blk in page:
            kind = blk[0]
            if kind in ("h1", "h2") and pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            if kind == "h1":
                pdf.ln(2)
                pdf.set_font("Helvetica", "B", 13)
                pdf.multi_cell(0, 7, pdf_text(blk[1]), **nl)
                pdf.ln(1)
            elif kind == "h2":
                pdf.ln(1)
                pdf.set_font("Helvetica", "B", 11)
                pdf.multi_cell(0, 6, pdf_text(blk[1]), **nl)
                pdf.ln(0.5)
            elif kind == "p":
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, pdf_text(blk[1]), **nl)
                pdf.ln(2)
            elif kind == "caption":
                pdf.set_font("Helvetica", "I", 8.5)
                pdf.multi_cell(0, 4.5, pdf_text(blk[1]), **nl)
                pdf.ln(1)
            elif kind == "bullets":
                pdf.set_font("Helvetica", "", 10)
                for item in blk[1]:
                    pdf.set_x(pdf.l_margin + 2)
                    pdf.cell(5, 5, pdf_text("•"))
                    pdf.multi_cell(0, 5, pdf_text(item), **nl)
                    pdf.ln(0.8)
                pdf.ln(1.5)
            elif kind == "hyph":
                pdf.set_font("Helvetica", "", 10)
                for line in blk[1]:
                    line = pdf_text(line)
                    assert pdf.get_string_width(line) < epw, ("hyphenated line too wide", line)
                    pdf.cell(0, 5, line, **nl)
                pdf.ln(2)
            elif kind == "table":
                _, header, rows, widths, align = blk
                widths = widths or (1,) * len(header)
                align = align or ("L",) * len(header)
                pdf.set_font("Helvetica", "", 8.5)
                with pdf.table(
                    width=epw,
                    col_widths=widths,
                    align="LEFT",
                    line_height=4.6,
                    text_align=tuple({"L": "LEFT", "R": "RIGHT"}[a] for a in align),
                    headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                    padding=1,
                ) as t:
                    for row in [header] + rows:
                        r = t.row()
                        for c in row:
                            r.cell(pdf_text(c))
                pdf.ln(3)
            else:
                raise ValueError(kind)
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# DOCX writer (python-docx)
# ---------------------------------------------------------------------------


def dehyphenate(lines):
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower():
            out = out[:-1] + line
        else:
            out = (out + " " + line) if out else line
    return out


def _add_page_field(paragraph):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def normalise_zip(data: bytes, zip_dt=ZIP_DT) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and attributes (python-docx uses the clock)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=zip_dt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def render_docx(spec, pages, path: Path) -> None:
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin = sec.bottom_margin = Mm(25)
    sec.header_distance = sec.footer_distance = Mm(12)
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)

    hp = sec.header.paragraphs[0]
    hr = hp.add_run(FICTION)
    hr.italic = True
    hr.font.size = Pt(8)
    fp = sec.footer.paragraphs[0]
    fr = fp.add_run(f"{spec['label']} – side ")
    fr.font.size = Pt(8)
    _add_page_field(fp)

    p = d.add_paragraph()
    r = p.add_run(FICTION)
    r.italic = True
    d.add_heading(spec["title"], level=0)
    for sub in spec["subtitle"]:
        d.add_paragraph(sub)

    for i, page in enumerate(pages):
        if i > 0:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for blk in page:
            kind = blk[0]
            if kind == "h1":
                d.add_heading(blk[1], level=1)
            elif kind == "h2":
                d.add_heading(blk[1], level=2)
            elif kind == "p":
                d.add_paragraph(blk[1])
            elif kind == "caption":
                cp = d.add_paragraph()
                cr = cp.add_run(blk[1])
                cr.italic = True
                cr.font.size = Pt(9)
            elif kind == "bullets":
                for item in blk[1]:
                    d.add_paragraph(item, style="List Bullet")
            elif kind == "hyph":
                d.add_paragraph(dehyphenate(blk[1]))
            elif kind == "table":
                _, header, rows, widths, align = blk
                widths = widths or (170 / len(header),) * len(header)
                align = align or ("L",) * len(header)
                tbl = d.add_table(rows=1 + len(rows), cols=len(header))
                tbl.style = "Table Grid"
                tbl.autofit = False
                for ci, col in enumerate(tbl.columns):
                    col.width = Mm(widths[ci] * 160 / sum(widths))
                for ri, row in enumerate([header] + rows):
                    for ci, text in enumerate(row):
                        cell = tbl.cell(ri, ci)
                        cell.width = Mm(widths[ci] * 160 / sum(widths))
                        para = cell.paragraphs[0]
                        para.paragraph_format.space_after = Pt(0)
                        run = para.add_run(text)
                        run.font.size = Pt(9)
                        if ri == 0:
                            run.bold = True
                        if align[ci] == "R":
                            para.alignment = 2  # right
                d.add_paragraph()
            else:
                raise ValueError(kind)

    cp = d.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = spec["title"]
    cp.subject = FICTION
    cp.keywords = f"{spec['level']}; oppdiktet eksempel"
    cp.comments = "Invented example for planscan. Not an adopted plan."
    cp.language = "nb-NO"
    cp.revision = 1
    naive = spec.get("date", FIXED_DT).replace(tzinfo=None)
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue(), spec.get("zip_date", ZIP_DT)))


def docx_page_lines(spec, pages):
    """Rough line estimate per explicit DOCX page (A4, 16 cm text width, 10.5 pt)."""
    cpl = 88
    est = []
    for i, page in enumerate(pages):
        lines = 5.0 + len(spec["subtitle"]) * 1.4 if i == 0 else 0.0
        for blk in page:
            kind = blk[0]
            if kind == "h1":
                lines += 3.0
            elif kind == "h2":
                lines += 2.2
            elif kind == "p":
                lines += math.ceil(len(blk[1]) / cpl) + 0.5
            elif kind == "caption":
                lines += 1.4
            elif kind == "hyph":
                lines += len(blk[1]) + 0.5
            elif kind == "bullets":
                lines += sum(math.ceil(len(x) / (cpl - 6)) + 0.5 for x in blk[1])
            elif kind == "table":
                _, header, rows, widths, _ = blk
                widths = widths or (1,) * len(header)
                for row in [header] + rows:
                    h = max(
                        math.ceil(len(c) / max(4, cpl * 1.05 * w / sum(widths) - 2))
                        for c, w in zip(row, widths, strict=False)
                    )
                    lines += h * 0.95 + 0.25
                lines += 1.5
        est.append(lines)
    return est


# ---------------------------------------------------------------------------
# The corpus: the June 2018 matrix (x = no document, so no file)
# ---------------------------------------------------------------------------

LEVELS = [
    "samfunnsdel",
    "arealdel",
    "okonomiplan-4arig",
    "okonomiplan-arlig",
    "temaplan-bolig",
    "temaplan-oppvekst",
    "temaplan-folkehelse",
    "temaplan-helse",
    "planstrategi",
]

MATRIX = {  # level: (Sortland, Vågan, Fauske, Vefsn)
    "samfunnsdel": ("x", "yellow", "red", "yellow"),
    "arealdel": ("red", "red", "red", "red"),
    "okonomiplan-4arig": ("yellow", "red", "yellow", "green"),
    "okonomiplan-arlig": ("red", "x", "red", "yellow"),
    "temaplan-bolig": ("x", "x", "x", "green"),
    "temaplan-oppvekst": ("yellow", "red", "x", "yellow"),
    "temaplan-folkehelse": ("yellow", "yellow", "red", "green"),
    "temaplan-helse": ("green", "yellow", "yellow", "x"),
    "planstrategi": ("red", "yellow", "red", "yellow"),
}


def vedtak(date, sak=None):
    return f"Vedtatt av kommunestyret {date}" + (f", sak {sak}" if sak else "")


def corpus():
    """Yield (spec, pages). spec: folder, file, level, color, title, subtitle, label."""
    S, V, F, E = (MUNIS[k] for k in ("Sortland", "Vagan", "Fauske", "Vefsn"))
    items = [
        # --- Sortland (no samfunnsdel found online, no housing plan) ---
        (
            S,
            "kommuneplan-arealdel-2014-2026-bestemmelser.pdf",
            "arealdel",
            "Kommuneplanens arealdel 2014–2026",
            ["Planbestemmelser og retningslinjer", vedtak("19.06.2014", "41/14")],
            lambda c: arealdel(S, "2014–2026", "19.06.2014"),
        ),
        (
            S,
            "okonomiplan-2018-2021.docx",
            "okonomiplan-4arig",
            "Økonomiplan 2018–2021",
            [vedtak("14.12.2017", "88/17")],
            lambda c: okonomiplan(S, c, "Økonomiplan", "14.12.2017"),
        ),
        (
            S,
            "arsbudsjett-2018.pdf",
            "okonomiplan-arlig",
            "Årsbudsjett 2018",
            [vedtak("14.12.2017", "89/17")],
            lambda c: arsbudsjett(S, c, "14.12.2017", "89/17"),
        ),
        (
            S,
            "oppvekstplan-2016-2020.docx",
            "temaplan-oppvekst",
            "Oppvekstplan 2016–2020",
            ["«Trygge barn – gode voksne»", vedtak("28.04.2016", "27/16")],
            lambda c: oppvekstplan(S, c, "2016–2020", "28.04.2016"),
        ),
        (
            S,
            "folkehelseplan-2016-2019.pdf",
            "temaplan-folkehelse",
            "Folkehelseplan 2016–2019",
            ["Plan for folkehelsearbeidet i Sortland kommune", vedtak("15.09.2016", "61/16")],
            lambda c: folkehelseplan(S, c, "2016–2019", "15.09.2016"),
        ),
        (
            S,
            "helse-og-omsorgsplan-2017-2027.docx",
            "temaplan-helse",
            "Helse- og omsorgsplan 2017–2027",
            [vedtak("22.06.2017", "48/17")],
            lambda c: helseplan(S, c, "2017–2027", "22.06.2017"),
        ),
        (
            S,
            "planstrategi-2016-2019.pdf",
            "planstrategi",
            "Kommunal planstrategi 2016–2019",
            [vedtak("16.06.2016", "44/16")],
            lambda c: planstrategi(S, c, "2016–2019", "16.06.2016"),
        ),
        # --- Vågan (no årsbudsjett found, no housing plan) ---
        (
            V,
            "kommuneplan-samfunnsdel-2014-2026.pdf",
            "samfunnsdel",
            "Kommuneplanens samfunnsdel 2014–2026",
            [vedtak("26.05.2014", "33/14")],
            lambda c: samfunnsdel(V, c, "2014–2026", "26.05.2014", "33/14"),
        ),
        (
            V,
            "kommuneplan-arealdel-2016-2028-planbestemmelser.docx",
            "arealdel",
            "Kommuneplanens arealdel 2016–2028",
            ["Planbestemmelser og retningslinjer", vedtak("15.12.2016", "97/16")],
            lambda c: arealdel(V, "2016–2028", "15.12.2016"),
        ),
        (
            V,
            "handlingsprogram-og-okonomiplan-2018-2021.pdf",
            "okonomiplan-4arig",
            "Handlingsprogram og økonomiplan 2018–2021",
            [vedtak("18.12.2017", "102/17")],
            lambda c: okonomiplan(V, c, "Handlingsprogram og økonomiplan", "18.12.2017"),
        ),
        (
            V,
            "oppvekstplan-2015-2019.pdf",
            "temaplan-oppvekst",
            "Oppvekstplan 2015–2019",
            [vedtak("20.04.2015", "22/15")],
            lambda c: oppvekstplan(V, c, "2015–2019", "20.04.2015"),
        ),
        (
            V,
            "folkehelseplan-2017-2021.docx",
            "temaplan-folkehelse",
            "Folkehelseplan 2017–2021",
            ["Plan for folkehelsearbeidet i Vågan kommune", vedtak("30.03.2017", "19/17")],
            lambda c: folkehelseplan(V, c, "2017–2021", "30.03.2017"),
        ),
        (
            V,
            "helse-og-omsorgsplan-2014-2024.pdf",
            "temaplan-helse",
            "Helse- og omsorgsplan 2014–2024",
            [vedtak("23.10.2014", "71/14")],
            lambda c: helseplan(V, c, "2014–2024", "23.10.2014"),
        ),
        (
            V,
            "planstrategi-2016-2019.docx",
            "planstrategi",
            "Kommunal planstrategi 2016–2019",
            [vedtak("27.10.2016", "80/16")],
            lambda c: planstrategi(V, c, "2016–2019", "27.10.2016"),
        ),
        # --- Fauske (no housing plan, no oppvekstplan found) ---
        (
            F,
            "plan-2016-vedtatt.docx",
            "samfunnsdel",  # file name hides the level on purpose
            "Kommuneplanens samfunnsdel 2016–2028",
            [vedtak("16.06.2016", "46/16")],
            lambda c: samfunnsdel(F, c, "2016–2028", "16.06.2016", "46/16"),
        ),
        (
            F,
            "kommuneplan-arealdel-2011-2022.pdf",
            "arealdel",
            "Kommuneplanens arealdel 2011–2022",
            ["Bestemmelser og retningslinjer", vedtak("23.06.2011", "38/11")],
            lambda c: arealdel(F, "2011–2022", "23.06.2011"),
        ),
        (
            F,
            "okonomiplan-2018-2021.docx",
            "okonomiplan-4arig",
            "Økonomiplan 2018–2021",
            [vedtak("14.12.2017", "94/17")],
            lambda c: okonomiplan(F, c, "Økonomiplan", "14.12.2017"),
        ),
        (
            F,
            "arsbudsjett-2018.docx",
            "okonomiplan-arlig",
            "Årsbudsjett 2018",
            [vedtak("14.12.2017", "95/17")],
            lambda c: arsbudsjett(F, c, "14.12.2017", "95/17"),
        ),
        (
            F,
            "folkehelseplan-2015-2018.pdf",
            "temaplan-folkehelse",
            "Folkehelseplan 2015–2018",
            ["Plan for folkehelsearbeidet i Fauske kommune", vedtak("18.06.2015", "42/15")],
            lambda c: folkehelseplan(F, c, "2015–2018", "18.06.2015"),
        ),
        (
            F,
            "helse-og-omsorgsplan-2016-2025.docx",
            "temaplan-helse",
            "Helse- og omsorgsplan 2016–2025",
            [vedtak("21.04.2016", "24/16")],
            lambda c: helseplan(F, c, "2016–2025", "21.04.2016"),
        ),
        (
            F,
            "planstrategi-2016-2020.docx",
            "planstrategi",
            "Kommunal planstrategi 2016–2020",
            [vedtak("20.10.2016", "77/16")],
            lambda c: planstrategi(F, c, "2016–2020", "20.10.2016"),
        ),
        # --- Vefsn (the only municipality with a housing plan; no helse- og omsorgsplan found) ---
        (
            E,
            "kommuneplan-samfunnsdel-2015-2027.pdf",
            "samfunnsdel",
            "Kommuneplanens samfunnsdel 2015–2027",
            [vedtak("19.03.2015", "14/15")],
            lambda c: samfunnsdel(E, c, "2015–2027", "19.03.2015", "14/15"),
        ),
        (
            E,
            "kommuneplan-arealdel-2015-2027.docx",
            "arealdel",
            "Kommuneplanens arealdel 2015–2027",
            ["Planbestemmelser og retningslinjer", vedtak("17.06.2015", "40/15")],
            lambda c: arealdel(E, "2015–2027", "17.06.2015"),
        ),
        (
            E,
            "handlingsprogram-okonomiplan-2018-2021.pdf",
            "okonomiplan-4arig",
            "Handlingsprogram og økonomiplan 2018–2021",
            [vedtak("13.12.2017", "97/17")],
            lambda c: okonomiplan(E, c, "Handlingsprogram og økonomiplan", "13.12.2017"),
        ),
        (
            E,
            "arsbudsjett-2018.pdf",
            "okonomiplan-arlig",
            "Årsbudsjett 2018",
            [vedtak("13.12.2017", "98/17")],
            lambda c: arsbudsjett(E, c, "13.12.2017", "98/17"),
        ),
        (
            E,
            "boligsosial-handlingsplan-2017-2020.pdf",
            "temaplan-bolig",
            "Boligsosial handlingsplan 2017–2020",
            ["Vefsn kommune", vedtak("21.06.2017", "52/17")],
            lambda c: boligsosial_plan(E),
        ),
        (
            E,
            "oppvekstplan-2017-2020.docx",
            "temaplan-oppvekst",
            "Oppvekstplan 2017–2020",
            ["«Sammen skaper vi en god oppvekst»", vedtak("26.10.2017", "81/17")],
            lambda c: oppvekstplan(E, c, "2017–2020", "26.10.2017"),
        ),
        (
            E,
            "folkehelseplan-2017-2021.docx",
            "temaplan-folkehelse",
            "Folkehelseplan 2017–2021",
            ["Plan for folkehelsearbeidet i Vefsn kommune", vedtak("14.12.2017", "99/17")],
            lambda c: folkehelseplan(E, c, "2017–2021", "14.12.2017"),
        ),
        (
            E,
            "dokument-2017.pdf",
            "planstrategi",  # file name hides the level on purpose
            "Kommunal planstrategi 2017–2020",
            [vedtak("26.10.2017", "80/17")],
            lambda c: planstrategi(E, c, "2017–2020", "26.10.2017"),
        ),
    ]
    order = ["Sortland", "Vagan", "Fauske", "Vefsn"]
    for m, fname, level, title, subtitle, build in items:
        color = MATRIX[level][order.index(m["key"])]
        assert color != "x", (m["key"], level)
        subtitle = [m["label"]] + [s for s in subtitle if s != m["label"]]
        spec = {
            "folder": m["folder"],
            "file": fname,
            "level": level,
            "color": color,
            "title": title,
            "subtitle": subtitle,
            "label": m["label"],
            "muni": m["name"],
        }
        yield spec, build(color)


# ---------------------------------------------------------------------------
# End of 2021: the plans chapter 4 of the report describes ("Status i kommunene
# ved utgang av prosjektperioden"). Written to examples/2021/<Kommune>/, a plan set
# of its own with examples/2021/plans.yaml; unchanged 2018 plans are reused from
# examples/<Kommune>/ by relative path in that manifest.
# ---------------------------------------------------------------------------

DT_2021 = datetime.datetime(2021, 12, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
ZIP_2021 = (2021, 12, 1, 12, 0, 0)
FOLDER_2021 = "2021"

SAMFUNN_2021 = {
    "Sortland": (
        "Arbeidet med planstrategien og samfunnsdelen har vist hvor stor betydning samfunnsdelen har for "
        "å se helheten og gi retning. Kommunen skal være en aktiv og sentral aktør i boligpolitikken og en "
        "tydelig boligpolitisk premissleverandør, i samarbeid med NAV og boligstiftelsen."
    ),
    "Vagan": (
        "Med mål om fortsatt befolkningsvekst mot 2030 og 2040 må boligutviklingen planlegges. Kommunen skal "
        "sørge for god tilgang på de ulike typene boliger det er behov for, både i det private og det "
        "kommunale boligmarkedet, og for gode bomiljø med møteplasser og aktiviteter, slik at alle nye "
        "innbyggere blir godt integrert i lokalmiljøet og velger å bli boende."
    ),
    "Fauske": (
        "Planen tar utgangspunkt i kommunens økonomiske situasjon og skal knyttes tett til "
        "økonomiplanleggingen, slik at målene følges opp med ressurser. Kommunen prioriterte å lage en ny "
        "samfunnsdel før en temaplan for boligområdet, fordi samfunnsdelen skal sette tydelig retning for "
        "hele kommuneorganisasjonen, også for boligpolitikken."
    ),
}


def samfunnsdel_2021(m, years, vedtatt, draft=False):
    """A samfunnsdel where housing-social work is a theme (green)."""
    N, Cn = m["name"], m["centre"]
    status = (
        f"Dette er forslaget til ny samfunnsdel, lagt ut på høring i desember 2021. Kommunestyret skal etter "
        f"planen behandle det i {vedtatt}."
        if draft
        else f"Planen ble vedtatt av kommunestyret {vedtatt}."
    )
    p1 = [
        H1("1 Innledning"),
        P(
            f"Kommuneplanens samfunnsdel er kommunens overordnede styringsdokument. Den tar stilling til "
            f"langsiktige utfordringer, mål og strategier for {N}-samfunnet som helhet og for kommunen som "
            f"organisasjon, jf. plan- og bygningsloven § 11-2, og gir retning for arealdelen, temaplanene og "
            f"handlingsdelen i økonomiplanen. {status}"
        ),
        P(
            "Planen bygger på kommunal planstrategi, FNs bærekraftsmål og Nasjonale forventninger til regional "
            "og kommunal planlegging 2019–2023, som ber kommunene planlegge for et variert boligtilbud og ta "
            "hensyn til dem som er vanskeligstilte på boligmarkedet. Den følger også opp den nasjonale "
            "strategien for den sosiale boligpolitikken, «Alle trenger et trygt hjem» (2021–2024)."
        ),
        H2("1.1 Kunnskapsgrunnlag og medvirkning"),
        P(
            f"Planen bygger på et felles kunnskapsgrunnlag som en tverrfaglig arbeidsgruppe med NAV, helse og "
            f"omsorg, oppvekst, eiendom og plan har utarbeidet. Arbeidet var en del av samarbeidsprosjektet om "
            f"boligsosiale hensyn i helhetlig kommunal planlegging med Statsforvalteren i Nordland og Husbanken. "
            f"Ungdomsrådet, eldrerådet, rådet for personer med funksjonsnedsettelse og brukerorganisasjoner har "
            f"deltatt i egne verksteder i {Cn} og i {m['places'][0]}."
        ),
        P(SAMFUNN_2021[m["key"]]),
    ]
    p2 = [
        H1("2 Utviklingstrekk og utfordringer"),
        H2("2.1 Befolkning"),
        P(
            f"{N} hadde {n(pop(m, 2021))} innbyggere per 1. januar 2021. Antall innbyggere over 80 år vil øke med "
            f"om lag {pct_growth_80(m)} prosent fram mot 2030, mens gruppen i yrkesaktiv alder blir mindre. Det "
            f"stiller krav både til tjenestene, til boligene og til hvor de ligger."
        ),
        H2("2.2 Levekår og bolig"),
        P(
            f"Kunnskapsgrunnlaget viser at {n(m['lowinc'])} prosent av barna i {N} bor i husholdninger med "
            f"vedvarende lavinntekt. Barnefattigdom henger nært sammen med boforholdene: familiene bor oftere "
            f"trangt, leier oftere og må flytte oftere. De fleste vanskeligstilte på boligmarkedet er enslige med "
            f"lav inntekt, personer med rus- og psykiske lidelser, flyktninger og unge uten egenkapital."
        ),
        P(
            "Boligmassen består mest av eneboliger i eie. Det er få små og rimelige utleieboliger, og ventelisten "
            "til kommunale boliger har økt. Husbankens virkemidler, særlig startlån og tilskudd til "
            "utleieboliger, er brukt mindre enn i sammenlignbare kommuner."
        ),
        H2("2.3 Arbeid og økonomi"),
        P(m["naering"]),
    ]
    p3 = [
        H1("3 Visjon og mål"),
        P(f"Kommunens visjon er «{m['visjon']}»."),
        B(
            f"{N} skal være en attraktiv kommune å bo og arbeide i, med befolkningsvekst.",
            "Alle innbyggere skal ha et godt og trygt sted å bo.",
            "Barn og unge skal ha en trygg oppvekst med læring og mestring.",
            "Kommunen skal redusere klimagassutslippene og bruke arealene bærekraftig.",
        ),
        H1("4 Satsingsområder"),
        H2("4.1 Et trygt hjem for alle"),
        P(
            "Boligen er grunnmuren for helse, utdanning, arbeid og deltakelse. Kommunen skal føre en aktiv "
            "boligpolitikk som gir et variert boligtilbud, og en boligsosial innsats som gjør at vanskeligstilte "
            "får hjelp til å skaffe seg og beholde en egnet bolig. Boligsosiale hensyn skal ivaretas på alle "
            "nivå i planstrukturen: i samfunnsdelen, i arealdelen, i temaplanene og i økonomiplanen."
        ),
        P(
            "Kommunen skal bruke Husbankens virkemidler aktivt. Startlån skal prioriteres til barnefamilier og "
            "unge, slik at flere kan gå fra leie til eie, og tilskudd fra Husbanken skal brukes til nye "
            "kommunale utleieboliger spredt i ordinære bomiljø."
        ),
        P("Strategier:"),
        B(
            "Utarbeide en boligpolitisk plan med en boligsosial handlingsplan, forankret i denne planen.",
            "Sikre nok egnede boliger for vanskeligstilte, også for personer med rus- og psykiske lidelser.",
            "Bruke startlån og leie-til-eie strategisk, og prioritere barnefamilier i arbeidet mot barnefattigdom.",
            f"Ta boligsosiale hensyn i arealdelen: små og rimelige boliger nær skole og tjenester i {Cn}.",
            "Etablere et boligsosialt forum som samordner NAV, helse og omsorg, oppvekst, eiendom og plan.",
        ),
    ]
    p4 = [
        H2("4.2 Oppvekst og utdanning"),
        P(
            "Gode barnehager og skoler og et tverrfaglig samarbeid rundt barn og familier er grunnlaget for like "
            "muligheter. Kommunen skal sette inn tiltak tidlig og samarbeide med familiene."
        ),
        H2("4.3 Helse, omsorg og folkehelse"),
        P(
            "Flere eldre skal kunne bo trygt hjemme lenger. Tjenestene skal bygge på laveste effektive "
            "omsorgsnivå, velferdsteknologi og samarbeid med frivillige og pårørende."
        ),
        H2("4.4 Næring, klima og samfunnssikkerhet"),
        B(
            "Ha regulerte næringsarealer tilgjengelig og samarbeide med næringslivet om rekruttering.",
            "Ta hensyn til havnivåstigning, flom og skred i all arealplanlegging.",
            "Legge til rette for gange, sykkel og kollektivtransport.",
        ),
        H1("5 Oppfølging"),
        P(
            "Samfunnsdelen følges opp gjennom handlingsdelen i økonomiplanen, som rulleres årlig. Kommunedirektøren "
            "rapporterer hvert år på målene, også på boligpolitikken og det boligsosiale arbeidet, med indikatorer "
            "for ventetid på kommunal bolig, innvilgede startlån og barn i familier med vedvarende lavinntekt."
        ),
    ]
    return [p1, p2, p3, p4]


PLANLISTS_2021 = {
    "Sortland": [
        ["Kommuneplanens samfunnsdel", "2006", "Revideres", "2020", "Kommunedirektør"],
        ["Kommuneplanens arealdel", "2014", "Revideres", "2022", "Plan og utvikling"],
        ["Boligpolitisk plan", "–", "Ny plan", "2021", "Plan og utvikling/NAV"],
        ["Boligsosial handlingsplan", "–", "Ny plan", "2022", "Helse og omsorg/NAV"],
        [
            "Helse- og omsorgsplan («Leve hele livet»)",
            "2017",
            "Revideres",
            "2022",
            "Helse og omsorg",
        ],
        ["Oppvekstplan", "2016", "Revideres", "2022", "Oppvekst"],
        ["Folkehelseplan", "2016", "Revideres", "2023", "Folkehelsekoordinator"],
    ],
    "Vagan": [
        ["Kommuneplanens samfunnsdel", "2020", "Vedtatt i perioden", "–", "Kommunedirektør"],
        ["Kommuneplanens arealdel", "2021", "Vedtatt i perioden", "–", "Plan og utvikling"],
        ["Kommunedelplaner for Svolvær og Kabelvåg", "–", "Ny plan", "2020", "Plan og utvikling"],
        [
            "Boligpolitisk plan med boligsosial handlingsplan",
            "–",
            "Ny kommunedelplan",
            "2022",
            "Plan/NAV",
        ],
        ["Oppvekst- og inkluderingsplan", "2020", "Vedtatt i perioden", "–", "Oppvekst"],
        ["Helse- og omsorgsplan", "2014", "Revideres", "2021", "Helse og omsorg"],
        ["Folkehelseplan", "2017", "Revideres", "2022", "Folkehelsekoordinator"],
    ],
}

PLANSTRATEGI_2021 = {
    "Sortland": [
        P(
            "Planstrategien bygger på et bredt og flerfaglig kunnskapsgrunnlag, utviklet sammen med NAV, helse og "
            "omsorg, oppvekst, teknisk og boligstiftelsen. Det viser at boligpolitikken og det boligsosiale arbeidet "
            "må prioriteres tydeligere: ventelisten til kommunale boliger øker, flere vanskeligstilte bor i "
            "uegnede boliger, og Husbankens virkemidler brukes lite."
        ),
        P(
            "Kommunestyret prioriterer derfor ny samfunnsdel, der boligsosiale hensyn skal være gjennomgående, "
            "og en boligpolitisk plan. Deretter skal kommunen utarbeide en boligsosial handlingsplan. Tiltak mot "
            "barnefattigdom skal ses i sammenheng med boligpolitikken og oppvekstplanen."
        ),
    ],
    "Vagan": [
        P(
            "Med mål om fortsatt befolkningsvekst mot 2030 og 2040 må kommunen planlegge boligutviklingen. Vågan "
            "skal ha god tilgang på de ulike typene boliger det er behov for i det private og det kommunale "
            "boligmarkedet, gode bomiljø med møteplasser og aktiviteter, god integrering av alle nye innbyggere og "
            "varig bosetting. Tjenestene skal tilpasses den demografiske utviklingen."
        ),
        P(
            "Den sosiale boligpolitikken er et prioritert område i perioden. Kommunestyret har vedtatt at det skal "
            "lages en boligpolitisk plan med en tilhørende boligsosial handlingsplan, med status som "
            "kommunedelplan, slik at boligsosiale hensyn forankres i samfunnsdelen og konkretiseres i arealdelen. "
            "Et faktagrunnlag om vanskeligstilte på boligmarkedet, bruken av Husbankens virkemidler og "
            "barnefattigdom i kommunen er utarbeidet som grunnlag for planen."
        ),
    ],
}


def planstrategi_2021(m, years, vedtatt):
    """A planning strategy that makes housing-social work a priority (green)."""
    N = m["name"]
    p1 = [
        H1("1 Innledning"),
        P(
            "Etter plan- og bygningsloven § 10-1 skal kommunestyret minst én gang i hver valgperiode utarbeide og "
            "vedta en kommunal planstrategi. Den drøfter kommunens strategiske valg for samfunnsutvikling, "
            "arealbruk og tjenester, og vurderer planbehovet i valgperioden. "
            f"Planstrategien for {years} ble vedtatt av kommunestyret {vedtatt}."
        ),
        P(
            "Nasjonale forventninger til regional og kommunal planlegging 2019–2023 og den nasjonale strategien "
            "«Alle trenger et trygt hjem» (2021–2024) er lagt til grunn, sammen med regional planstrategi for "
            "Nordland."
        ),
        H2("1.1 Kunnskapsgrunnlag"),
        P(
            f"{N} hadde {n(pop(m, 2020))} innbyggere ved inngangen til 2020. Antall innbyggere over 80 år øker med "
            f"om lag {pct_growth_80(m)} prosent fram mot 2030. Om lag {n(m['lowinc'])} prosent av barna bor i "
            f"husholdninger med vedvarende lavinntekt."
        ),
    ]
    p2 = [
        H1("2 Boligpolitikk og boligsosiale hensyn"),
        *PLANSTRATEGI_2021[m["key"]],
        H1("3 Andre utfordringer"),
        P(m["naering"]),
        P(
            "Klimaendringene gir økt fare for flom, overvann og skred, og kommunen må oppdatere helhetlig risiko- "
            "og sårbarhetsanalyse. Økonomien er stram, og investeringer i skole og omsorg må prioriteres."
        ),
    ]
    p3 = [
        H1("4 Vurdering av planbehov"),
        T(
            ["Plan", "Vedtatt", "Vurdering", "Oppstart", "Ansvar"],
            PLANLISTS_2021[m["key"]],
            (58, 22, 34, 20, 36),
            ("L", "L", "L", "L", "L"),
        ),
        H1("5 Prioriterte planoppgaver"),
        B(
            "Boligpolitisk plan og boligsosial handlingsplan, samordnet med samfunnsdelen.",
            "Revisjon av arealdelen med vekt på boligtyper, bomiljø og nærhet til tjenester.",
            "Helse- og omsorgsplan i tråd med reformen «Leve hele livet».",
            "Oppdatert helhetlig ROS-analyse og beredskapsplan.",
        ),
    ]
    return [p1, p2, p3]


def boligpolitisk_plan_2021(m):
    """Vefsn's housing plan, adopted March 2021 (green)."""
    N, Cn = m["name"], m["centre"]
    p1 = [
        H1("1 Innledning"),
        P(
            f"Boligpolitisk plan 2021–2030 er {N} kommunes plan for boligpolitikken. Den erstatter boligsosial "
            f"handlingsplan 2017–2020 og samler både den generelle boligpolitikken og det boligsosiale arbeidet "
            f"for dem som ikke selv klarer å skaffe seg eller beholde en egnet bolig. Planen ble vedtatt av "
            f"kommunestyret 24.03.2021."
        ),
        P(
            "Planen bygger på den nasjonale strategien «Alle trenger et trygt hjem» (2021–2024), som har tre "
            "innsatsområder: flere skal kunne eie sin egen bolig, flere skal kunne bo trygt og godt i en leid "
            "bolig, og ingen skal være bostedsløse. Husbanken har deltatt i arbeidet som rådgiver."
        ),
        H2("1.1 Erfaringer fra boligsosial handlingsplan 2017–2020"),
        P(
            "Boligkontoret ble etablert i 2018, og samarbeidet mellom boligkontoret, fagtjenestene og plan og "
            "teknisk er blitt tettere, også på områder der det tidligere ikke var samarbeid, som regulering og "
            "plassering av småhus for personer med behov for heldøgns helse- og omsorgstjenester. Ventetiden på "
            "kommunal bolig er redusert, men gjennomstrømmingen i de kommunale utleieboligene er fortsatt lav."
        ),
    ]
    p2 = [
        H1("2 Status"),
        H2(f"2.1 Boligmarkedet i {N}"),
        P(
            f"{N} har om lag {n(round(pop(m, 2021), -2))} innbyggere. Boligmassen i {Cn} består mest av eneboliger "
            f"i eie, og det er få små og rimelige utleieboliger. Mange vanskeligstilte på boligmarkedet har lav og "
            f"ustabil inntekt og får ikke lån i ordinære banker fordi de mangler egenkapital."
        ),
        H2("2.2 Startlån og andre virkemidler fra Husbanken"),
        P(
            "Startlånet er kommunens viktigste boligsosiale virkemiddel. Utbetalingene av startlån har økt med "
            "30 millioner kroner siden 2018, og rammen for 2021 er 59 millioner kroner. Kommunen bruker startlånet "
            "strategisk, i tråd med Husbankens retningslinjer, og prioriterer barnefamilier og unge."
        ),
        T(
            ["Virkemiddel", "2018", "2019", "2020"],
            [
                ["Startlån, antall husstander", "44", "52", "61"],
                ["Startlån, beløp (kr 1000)", "41 200", "50 300", "59 000"],
                ["Bostøtte, antall husstander (desember)", "405", "398", "412"],
                ["Tilskudd til utleieboliger, antall boliger", "16", "0", "12"],
                ["Leie-til-eie, antall husstander", "0", "3", "7"],
            ],
            (95, 25, 25, 25),
            ("L", "R", "R", "R"),
        ),
        H2("2.3 Kommunale utleieboliger"),
        P(
            "Kommunen disponerer 290 boliger. Halvparten av leietakerne har bodd kommunalt i mer enn fem år, og "
            "mange kunne eid sin egen bolig med startlån. Boligene som frigjøres, trengs for vanskeligstilte som "
            "venter, blant annet personer med rus- og psykiske lidelser og flyktninger."
        ),
    ]
    p3 = [
        H1("3 Mål og strategier"),
        P(f"Hovedmål: «Alle i {N} skal ha et godt og trygt sted å bo.»"),
        H2("Delmål 1: Flere skal eie sin egen bolig"),
        B(
            "Bruke startlån strategisk og øke rammen i takt med behovet.",
            "Tilby leie-til-eie for leietakere i kommunale utleieboliger, i samarbeid med Husbanken.",
            "Prioritere barnefamilier med lavinntekt, som et tiltak mot barnefattigdom.",
        ),
        H2("Delmål 2: Flere skal bo trygt og godt i en leid bolig"),
        B(
            "Øke gjennomstrømmingen og frigjøre kommunale utleieboliger for dem som trenger dem mest.",
            "Kjøpe spredte leiligheter i ordinære bomiljø, med universell utforming og nærhet til tjenester.",
            "Gi oppfølging i bolig til vanskeligstilte som trenger det for å mestre boforholdet.",
        ),
        H2("Delmål 3: Ingen skal være bostedsløse"),
        B(
            "Sikre at ingen skrives ut fra institusjon eller løslates fra fengsel uten bolig.",
            "Forebygge utkastelser gjennom tidlig kontakt ved husleierestanser.",
        ),
        H2("Delmål 4: Boligpolitikken skal være en del av den helhetlige planleggingen"),
        B(
            "Ta boligsosiale hensyn i samfunnsdelen, arealdelen og reguleringsplanene.",
            "Videreføre samarbeidet mellom boligkontoret, fagtjenestene og plan og teknisk.",
            "Følge opp planen i handlingsprogrammet og økonomiplanen hvert år.",
        ),
    ]
    p4 = [
        H1("4 Handlingsplan 2021–2024"),
        T(
            ["Nr", "Tiltak", "Ansvar", "Tid"],
            [
                [
                    "1",
                    "Strategisk bruk av startlån; ramme kr 59 mill. i 2021",
                    "Boligkontoret",
                    "2021",
                ],
                ["2", "Leie-til-eie for 10 husstander per år", "Boligkontoret/NAV", "2021–2024"],
                ["3", "Kartlegge leietakere som kan kjøpe egen bolig", "Boligkontoret", "Årlig"],
                [
                    "4",
                    "Kjøpe 12 spredte leiligheter med tilskudd fra Husbanken",
                    "Eiendom",
                    "2022–2024",
                ],
                ["5", "Småhus med heldøgns tjenester i reguleringsplan", "Plan og teknisk", "2022"],
                [
                    "6",
                    "Rutine mot utkastelser og for løslatelse og utskrivning",
                    "NAV/Helse",
                    "2021",
                ],
            ],
            (9, 90, 40, 25),
            ("L", "L", "L", "L"),
        ),
        H1("5 Oppfølging"),
        P(
            "Boligkontoret rapporterer årlig til kommunestyret om måloppnåelse, med indikatorer for startlån, "
            "ventetid på kommunal bolig, bostedsløse og barnefamilier i kommunale utleieboliger."
        ),
    ]
    return [p1, p2, p3, p4]


def oppvekst_inkludering_2020(m, years, vedtatt):
    """Vågan's oppvekst- og inkluderingsplan: one section on living conditions (yellow)."""
    N = m["name"]
    p1 = [
        H1("1 Innledning"),
        P(
            f"Oppvekst- og inkluderingsplanen {years} samler kommunens mål for barn og unge og for inkludering av "
            f"nye innbyggere. Den omfatter barnehage, skole, SFO, kulturskole, helsestasjon, barnevern, "
            f"flyktningtjenesten og voksenopplæringen. Planen ble vedtatt av kommunestyret {vedtatt}."
        ),
        P(
            f"Visjonen er «{m['oppvekst_visjon']}». Alle barn og unge i {N} skal oppleve trygghet, tilhørighet og "
            f"mestring, og alle nye innbyggere skal få mulighet til å delta i arbeid og samfunnsliv."
        ),
        H2("1.1 Medvirkning"),
        P(
            "Elevrådene, ungdomsrådet, foreldreråd og innvandrerorganisasjoner har gitt innspill. Det er "
            "gjennomført samtaler med nyankomne familier om hva som gjorde det lettere å bli kjent i kommunen."
        ),
    ]
    p2 = [
        H1("2 Status og utfordringer"),
        H2("2.1 Barn og unge"),
        P(
            "De fleste barn og unge trives i barnehagen, på skolen og i nærmiljøet. Flere unge rapporterer om "
            "ensomhet og stress, og frafallet i videregående opplæring er fortsatt høyt."
        ),
        H2("2.2 Inkludering og integrering"),
        P(
            "Kommunen har bosatt om lag 25 flyktninger per år de siste fem årene. God integrering forutsetter "
            "norskopplæring, arbeid og deltakelse i fritidsaktiviteter, og at barna kommer raskt i gang i "
            "barnehage og skole."
        ),
        H2("2.3 Levekår"),
        P(
            f"I {N} bor {n(m['lowinc'])} prosent av barna i husholdninger med vedvarende lavinntekt. Barnefattigdom "
            "henger ofte sammen med trangboddhet og hyppige flyttinger. Oppvekstsektoren skal samarbeide med NAV "
            "om barnefamilier som er vanskeligstilte på boligmarkedet, slik at barna slipper å bytte skole."
        ),
    ]
    p3 = [
        H1("3 Mål og tiltak"),
        B(
            "Innføre Bedre tverrfaglig innsats (BTI) i alle tjenester for barn og unge.",
            "Gi alle barn tilbud om minst én fritidsaktivitet, med utlån av utstyr (tiltak mot barnefattigdom).",
            "Styrke norskopplæringen for voksne og samarbeidet med arbeidslivet om praksisplasser.",
            "Etablere en fast kontaktperson for nyankomne familier det første året.",
        ),
        H1("4 Oppfølging"),
        P(
            "Tiltakene innarbeides i økonomiplanen og i virksomhetsplanene. Kommunalsjef for oppvekst rapporterer "
            "årlig på måloppnåelse i tilstandsrapporten."
        ),
    ]
    return [p1, p2, p3]


def corpus_2021():
    """Yield (spec, pages) for the plans that are new at the end of 2021."""
    S, V, F, E = (MUNIS[k] for k in ("Sortland", "Vagan", "Fauske", "Vefsn"))
    items = [
        (
            S,
            "forslag-kommuneplan-samfunnsdel-2022-2034.pdf",
            "samfunnsdel",
            "green",
            "Kommuneplanens samfunnsdel 2022–2034",
            ["Forslag til vedtak – høringsutkast desember 2021"],
            lambda: samfunnsdel_2021(S, "2022–2034", "februar 2022", draft=True),
        ),
        (
            S,
            "planstrategi-2020-2023.docx",
            "planstrategi",
            "green",
            "Kommunal planstrategi 2020–2023",
            [vedtak("21.10.2021", "71/21")],
            lambda: planstrategi_2021(S, "2020–2023", "21.10.2021"),
        ),
        (
            V,
            "kommuneplan-samfunnsdel-2020-2032.pdf",
            "samfunnsdel",
            "green",
            "Kommuneplanens samfunnsdel 2020–2032",
            ["Framtidsrettet og bærekraftig", vedtak("17.06.2020", "45/20")],
            lambda: samfunnsdel_2021(V, "2020–2032", "17.06.2020"),
        ),
        (
            V,
            "kommuneplan-arealdel-2021-2033-planbestemmelser.docx",
            "arealdel",
            "red",
            "Kommuneplanens arealdel 2021–2033",
            ["Planbestemmelser og retningslinjer", vedtak("16.06.2021", "52/21")],
            lambda: arealdel(V, "2021–2033", "16.06.2021"),
        ),
        (
            V,
            "oppvekst-og-inkluderingsplan-2020-2024.pdf",
            "temaplan-oppvekst",
            "yellow",
            "Oppvekst- og inkluderingsplan 2020–2024",
            [vedtak("10.12.2020", "98/20")],
            lambda: oppvekst_inkludering_2020(V, "2020–2024", "10.12.2020"),
        ),
        (
            V,
            "planstrategi-2020-2023.docx",
            "planstrategi",
            "green",
            "Kommunal planstrategi 2020–2023",
            [vedtak("24.09.2020", "67/20")],
            lambda: planstrategi_2021(V, "2020–2023", "24.09.2020"),
        ),
        (
            F,
            "kommuneplan-samfunnsdel-2021-2033.docx",
            "samfunnsdel",
            "green",
            "Kommuneplanens samfunnsdel 2021–2033",
            [vedtak("23.09.2021", "64/21")],
            lambda: samfunnsdel_2021(F, "2021–2033", "23.09.2021"),
        ),
        (
            E,
            "boligpolitisk-plan-2021-2030.pdf",
            "temaplan-bolig",
            "green",
            "Boligpolitisk plan 2021–2030",
            [vedtak("24.03.2021", "18/21")],
            lambda: boligpolitisk_plan_2021(E),
        ),
    ]
    for m, fname, level, color, title, subtitle, build in items:
        spec = {
            "folder": f"{FOLDER_2021}/{m['folder']}",
            "file": fname,
            "level": level,
            "color": color,
            "title": title,
            "subtitle": [m["label"]] + subtitle,
            "label": m["label"],
            "muni": m["name"],
            "date": DT_2021,
            "zip_date": ZIP_2021,
        }
        yield spec, build()


# ---------------------------------------------------------------------------
# Text extraction and statistics (for checking the corpus)
# ---------------------------------------------------------------------------


def extract_text(path: Path) -> tuple[str, int]:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages), len(pdf.pages)
    d = docx.Document(str(path))
    parts = []
    breaks = 0
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
            breaks += sum(1 for br in el.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                parts.append(
                    " | ".join(
                        "".join(t.text or "" for t in tc.iter(qn("w:t")))
                        for tc in tr.iter(qn("w:tc"))
                    )
                )
    return "\n".join(parts), breaks + 1


TERMS = [
    "bolig",
    "vanskeligstilt",
    "boligsosial",
    "boligpolitikk",
    "husbank",
    "barnefattigdom",
    "boligmarked",
    "universell utforming",
    "UU",
    "demografi",
    "integrering",
    "bosetning/bosetting",
    "nærhet",
    "normalisering",
]


def count_terms(text: str) -> dict:
    low = text.lower()
    out = {}
    for t in TERMS:
        if t == "UU":
            out[t] = len(re.findall(r"(?<![A-Za-zÆØÅæøå])UU(?![A-Za-zÆØÅæøå])", text))
        elif t == "bosetning/bosetting":
            out[t] = low.count("bosetning") + low.count("bosetting")
        else:
            out[t] = low.count(t)
    out["words"] = len(text.split())
    return out


def main(argv):
    written = []
    for spec, pages in [*corpus(), *corpus_2021()]:
        folder = HERE / spec["folder"]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / spec["file"]
        if path.suffix == ".pdf":
            render_pdf(spec, pages, path)
        else:
            render_docx(spec, pages, path)
            est = docx_page_lines(spec, pages)
            if "--lines" in argv:
                print(spec["file"], [round(x) for x in est])
            for i, lines in enumerate(est):
                if lines > 50:
                    print(
                        f"warning: {path.relative_to(HERE)} page {i + 1} may overflow (~{lines:.0f} lines)"
                    )
        written.append((spec, path, len(pages)))
    print(f"wrote {len(written)} documents under {HERE}")
    if "--stats" in argv:
        short = {
            "vanskeligstilt": "vanskst",
            "boligsosial": "bsos",
            "boligpolitikk": "bpol",
            "husbank": "husb",
            "barnefattigdom": "bfatt",
            "boligmarked": "bmark",
            "universell utforming": "univ.utf",
            "demografi": "demogr",
            "integrering": "integr",
            "bosetning/bosetting": "boset",
            "normalisering": "normal",
        }
        hdr = (
            ["file", "level", "colour", "fmt", "pages"]
            + [short.get(t, t) for t in TERMS]
            + ["words"]
        )
        print("| " + " | ".join(hdr) + " |")
        print("|" + "---|" * len(hdr))
        total = 0
        for spec, path, logical in written:
            text, npages = extract_text(path)
            total += path.stat().st_size
            c = count_terms(text)
            if npages != logical:
                print(f"warning: {path.name}: {npages} pages, {logical} logical pages")
            row = [
                f"{spec['folder']}/{spec['file']}",
                spec["level"],
                spec["color"],
                path.suffix[1:],
                str(npages),
            ]
            row += [str(c[t]) for t in TERMS] + [str(c["words"])]
            print("| " + " | ".join(row) + " |")
        print(f"total size: {total} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
