"""Synthetic German contributions with a realistic vocabulary and lengths.

Deterministic for a seed. Words follow a Zipf-like distribution: a few very
common words (stop words, "Stadt", "Radweg"), a long tail of rare ones
(compounds such as "Fahrradwegenetz", street and district names). Titles
have 3 to 9 words, bodies a log-normal length around 60 words; the kinds
mirror a portal (mostly comments, some answers, polls and pages).
"""

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

STOP_WORDS = [
    "der",
    "die",
    "das",
    "und",
    "in",
    "im",
    "am",
    "an",
    "auf",
    "mit",
    "für",
    "von",
    "zu",
    "ist",
    "sind",
    "nicht",
    "es",
    "ein",
    "eine",
    "einen",
    "wir",
    "ich",
    "sie",
    "auch",
    "sehr",
    "mehr",
    "noch",
    "nur",
    "bei",
    "als",
    "wie",
    "aber",
    "oder",
    "dass",
    "den",
    "dem",
    "des",
    "zum",
    "zur",
    "werden",
    "wird",
    "wurde",
    "kann",
    "können",
    "sollte",
    "sollten",
    "muss",
    "müssen",
    "hat",
    "haben",
    "uns",
    "unsere",
]

NOUNS = [
    ("Radweg", "Radwege"),
    ("Spielplatz", "Spielplätze"),
    ("Straße", "Straßen"),
    ("Baum", "Bäume"),
    ("Schule", "Schulen"),
    ("Park", "Parks"),
    ("Platz", "Plätze"),
    ("Brücke", "Brücken"),
    ("Haltestelle", "Haltestellen"),
    ("Bus", "Busse"),
    ("Bahn", "Bahnen"),
    ("Ampel", "Ampeln"),
    ("Kreuzung", "Kreuzungen"),
    ("Gehweg", "Gehwege"),
    ("Parkplatz", "Parkplätze"),
    ("Bürgerin", "Bürgerinnen"),
    ("Bürger", "Bürger"),
    ("Stadt", "Städte"),
    ("Stadtteil", "Stadtteile"),
    ("Kind", "Kinder"),
    ("Verwaltung", "Verwaltungen"),
    ("Vorschlag", "Vorschläge"),
    ("Idee", "Ideen"),
    ("Beteiligung", "Beteiligungen"),
    ("Umfrage", "Umfragen"),
    ("Lärm", "Lärm"),
    ("Verkehr", "Verkehr"),
    ("Wohnung", "Wohnungen"),
    ("Miete", "Mieten"),
    ("Kita", "Kitas"),
    ("Sportplatz", "Sportplätze"),
    ("Bibliothek", "Bibliotheken"),
    ("Museum", "Museen"),
    ("Theater", "Theater"),
    ("Markt", "Märkte"),
    ("Brunnen", "Brunnen"),
    ("Bank", "Bänke"),
    ("Beleuchtung", "Beleuchtungen"),
    ("Sicherheit", "Sicherheit"),
    ("Müll", "Müll"),
    ("Grünfläche", "Grünflächen"),
    ("Wiese", "Wiesen"),
    ("Garten", "Gärten"),
    ("Ufer", "Ufer"),
    ("Fluss", "Flüsse"),
    ("Haushalt", "Haushalte"),
    ("Stadtrat", "Stadträte"),
    ("Zebrastreifen", "Zebrastreifen"),
    ("Schulweg", "Schulwege"),
    ("Fahrrad", "Fahrräder"),
    ("Auto", "Autos"),
    ("Lieferverkehr", "Lieferverkehr"),
    ("Bushaltestelle", "Bushaltestellen"),
    ("Toilette", "Toiletten"),
    ("Hitze", "Hitze"),
    ("Schatten", "Schatten"),
    ("Klimaschutz", "Klimaschutz"),
    ("Energie", "Energien"),
    ("Solaranlage", "Solaranlagen"),
    ("Dach", "Dächer"),
    ("Hof", "Höfe"),
    ("Jugendzentrum", "Jugendzentren"),
    ("Senior", "Senioren"),
    ("Seniorin", "Seniorinnen"),
    ("Familie", "Familien"),
    ("Hund", "Hunde"),
    ("Wald", "Wälder"),
    ("Tram", "Trams"),
    ("Linie", "Linien"),
    ("Takt", "Takte"),
    ("Fahrplan", "Fahrpläne"),
    ("Tempo", "Tempo"),
    ("Geschwindigkeit", "Geschwindigkeiten"),
    ("Kontrolle", "Kontrollen"),
    ("Baustelle", "Baustellen"),
    ("Umleitung", "Umleitungen"),
    ("Sanierung", "Sanierungen"),
]

COMPOUND_HEADS = [
    "weg",
    "wege",
    "netz",
    "konzept",
    "plan",
    "planung",
    "schutz",
    "bahn",
    "haus",
    "fläche",
    "flächen",
    "gebiet",
    "gruppe",
    "beteiligung",
    "ampel",
    "spur",
    "streifen",
    "platz",
    "plätze",
    "anlage",
    "verkehr",
    "stelle",
    "zentrum",
    "garten",
    "fonds",
]
COMPOUND_MODIFIERS = [
    "Fahrrad",
    "Rad",
    "Fuß",
    "Auto",
    "Kinder",
    "Stadt",
    "Schul",
    "Bürger",
    "Wohn",
    "Spiel",
    "Sport",
    "Park",
    "Straßen",
    "Lärm",
    "Klima",
    "Grün",
    "Jugend",
    "Senioren",
    "Bus",
    "Bahn",
    "Markt",
    "Fluss",
    "Wald",
    "Energie",
    "Umwelt",
    "Kultur",
    "Freizeit",
    "Wasser",
    "Regen",
    "Sonnen",
    "Baum",
    "Blumen",
    "Hunde",
    "Müll",
    "Licht",
    "Nacht",
    "Tages",
    "Winter",
    "Sommer",
    "Familien",
    "Nachbarschafts",
    "Quartiers",
    "Haus",
    "Hof",
    "Dach",
    "Fassaden",
    "Rathaus",
    "Bau",
    "Verkehrs",
    "Sicherheits",
    "Zukunfts",
    "Bildungs",
    "Gesundheits",
    "Pflege",
    "Arbeits",
    "Handels",
    "Touristen",
    "Studenten",
]

ADJECTIVES = [
    "sicher",
    "neu",
    "schmal",
    "breit",
    "gefährlich",
    "laut",
    "ruhig",
    "grün",
    "sauber",
    "dunkel",
    "hell",
    "wichtig",
    "gut",
    "schlecht",
    "schön",
    "alt",
    "groß",
    "klein",
    "barrierefrei",
    "kaputt",
    "marode",
    "übersichtlich",
    "eng",
    "teuer",
    "günstig",
]
ENDINGS = ["", "e", "en", "er", "es"]

VERBS = [
    "brauchen",
    "wünschen",
    "fehlt",
    "fehlen",
    "fahren",
    "gehen",
    "parken",
    "spielen",
    "bauen",
    "planen",
    "verbessern",
    "erneuern",
    "pflanzen",
    "reparieren",
    "sanieren",
    "schlage",
    "vorschlagen",
    "erreichen",
    "queren",
    "warten",
    "nutzen",
    "finde",
    "wäre",
]

PLACES = [
    "Lobeda",
    "Winzerla",
    "Zentrum",
    "Jena-Nord",
    "Jena-Ost",
    "Jena-West",
    "Wenigenjena",
    "Göschwitz",
    "Zwätzen",
    "Ammerbach",
    "Holzmarkt",
    "Johannisplatz",
    "Eichplatz",
    "Saalbahnhof",
    "Paradies",
    "Löbdergraben",
    "Karl-Marx-Allee",
    "Camsdorfer Brücke",
]

KINDS = [("comment", 0.78), ("answer", 0.12), ("poll", 0.04), ("project", 0.03), ("page", 0.03)]


THIRD_PARTS = [
    "netz",
    "plan",
    "konzept",
    "sanierung",
    "ausbau",
    "ordnung",
    "pflege",
    "bereich",
    "projekt",
    "programm",
    "satzung",
    "beirat",
    "fest",
    "initiative",
    "kataster",
]


def compounds() -> list[str]:
    """About 40,000 compounds; most are rare, as in real text (Fahrradwegenetz)."""
    words = {m + h for m in COMPOUND_MODIFIERS for h in COMPOUND_HEADS}
    words |= {m + h + t for m in COMPOUND_MODIFIERS for h in COMPOUND_HEADS for t in THIRD_PARTS}
    return sorted(word.capitalize() for word in words)


def project_titles(rng: random.Random, count: int = 400) -> list[str]:
    nouns = [singular for singular, _plural in NOUNS]
    return [f"{rng.choice(nouns)} {rng.choice(PLACES)}" for _ in range(count)]


@dataclass
class Contribution:
    number: int
    kind: str
    title: str
    body: str
    author: str
    project_id: int
    project_title: str
    department_id: int
    district_id: int
    topic_ids: list[int]
    published_at: datetime


class Corpus:
    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        rng = self.rng
        # Everyday words first (their order shuffled), then the long tail of compounds.
        common = [noun for pair in NOUNS for noun in pair]
        common += [adjective + ending for adjective in ADJECTIVES for ending in ENDINGS]
        common += VERBS + PLACES
        rare = compounds()
        rng.shuffle(common)
        rng.shuffle(rare)
        content = common + rare
        # Zipf-Mandelbrot: the word at rank r is drawn with weight 1 / (r + 6); the
        # most common content word ends up in a good third of all contributions.
        self.content_words = content
        self.content_cumulative = list(
            itertools.accumulate(1 / (rank + 6) for rank in range(len(content)))
        )
        self.project_titles = project_titles(rng)
        self.kinds = [kind for kind, _share in KINDS]
        self.kind_cumulative = list(itertools.accumulate(share for _kind, share in KINDS))
        self.start = datetime(2019, 1, 1, tzinfo=UTC)

    def words(self, count: int) -> list[str]:
        rng = self.rng
        content = rng.choices(self.content_words, cum_weights=self.content_cumulative, k=count)
        stops = rng.choices(STOP_WORDS, k=count)
        # Roughly every other word is a short function word, as in real text.
        return [
            stop if rng.random() < 0.45 else word for word, stop in zip(content, stops, strict=True)
        ]

    def sentence(self, length: int) -> str:
        words = self.words(length)
        return (
            words[0].capitalize()
            + " "
            + " ".join(words[1:])
            + self.rng.choice([".", ".", ".", "?", "!"])
        )

    def body(self) -> str:
        length = max(5, min(400, int(self.rng.lognormvariate(4.0, 0.6))))
        sentences = []
        while length > 0:
            size = min(length, self.rng.randint(6, 18))
            sentences.append(self.sentence(size))
            length -= size
        return " ".join(sentences)

    def contribution(self, number: int) -> Contribution:
        rng = self.rng
        return Contribution(
            number=number,
            kind=rng.choices(self.kinds, cum_weights=self.kind_cumulative)[0],
            title=" ".join(self.words(rng.randint(3, 9))).capitalize(),
            body=self.body(),
            author=f"Teilnehmer{rng.randint(1, 40_000)}",
            project_id=(project := rng.randint(1, len(self.project_titles))),
            project_title=self.project_titles[project - 1],
            department_id=rng.randint(1, 17),
            district_id=rng.randint(1, 10),
            topic_ids=sorted(rng.sample(range(1, 11), rng.randint(1, 3))),
            published_at=self.start + timedelta(minutes=rng.randint(0, 8 * 365 * 24 * 60)),
        )

    def __iter__(self):
        number = 0
        while True:
            number += 1
            yield self.contribution(number)
