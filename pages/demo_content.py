"""German demo content: a city administration, its projects in every status, legal pages.

The data are plain Python structures; the functions at the end create or
update them, matching what exists by a stable key (slug, name, title, e-mail
address), so loading twice leaves the same objects. Phase dates are offsets
in days from the day of loading, so every status stays represented whenever
the content is loaded. ``manage.py load_demo_content`` runs it.
"""

# The texts use German typography, en dashes included.
# ruff: noqa: RUF001

import copy
import io
import math
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import formats, translation
from django.utils.html import escape
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from pages import accessibility_audit as audit
from pages.models import (
    ContactPerson,
    Department,
    District,
    HomePage,
    PortalSettings,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
    StandardPage,
    Topic,
)
from pages.slugs import german_slugify
from pages.status import overlapping_phases

# Block builders. They return (block_type, value) pairs whose images,
# documents and pages are still keys of the data below; resolve_stream()
# swaps in the objects once they exist.


def h2(heading):
    return ("heading", {"text": heading, "level": "h2"})


def h3(heading):
    return ("heading", {"text": heading, "level": "h3"})


def text(html):
    return ("paragraph", html)


def image(key, caption="", credit="Illustration: Stadt Jena (Demo)", alt=""):
    return ("image", {"image": key, "alt": alt, "caption": caption, "credit": credit})


def quote(words, attribution=""):
    return ("quote", {"text": words, "attribution": attribution})


def video(url, title, transcript):
    return ("embed", {"url": url, "title": title, "transcript": transcript})


def document(key, title="", description=""):
    return ("document", {"document": key, "title": title, "description": description})


def call_to_action(heading, link_label, *, page=None, url="", words=""):
    """Give either ``page`` (a key of the pages loaded) or ``url``, not both."""
    value = {"heading": heading, "text": words, "link_label": link_label, "page": page, "url": url}
    return ("call_to_action", value)


def faq(items, heading=""):
    value = [{"question": question, "answer": answer} for question, answer in items]
    return ("faq", {"heading": heading, "items": value})


def inform(title, days, description=""):
    """A phase without participation; ``days`` are its first and last day, counted from
    the day the content is loaded (negative: in the past)."""
    return _phase(title, days, description, allows_participation=False)


def participate(title, days, description=""):
    """A phase in which citizens take part; ``days`` as for ``inform``."""
    return _phase(title, days, description, allows_participation=True)


def _phase(title, days, description, allows_participation):
    start, end = days
    return {
        "title": title,
        "start": start,
        "end": end,
        "description": description,
        "allows_participation": allows_participation,
    }


# Reference data

DEPARTMENTS = [
    {
        "name": "Dezernat Finanzen, Digitalisierung und Bürgerservice",
        "short_name": "Dezernat 1",
        "kind": Department.Kind.DEZERNAT,
        "email": "dezernat1@jena.example.org",
        "units": [
            {
                "name": "Fachbereich Finanzen",
                "short_name": "FB Finanzen",
                "kind": Department.Kind.FACHBEREICH,
                "email": "finanzen@jena.example.org",
            },
            {
                "name": "Team Digitalisierung",
                "short_name": "Digitalisierung",
                "kind": Department.Kind.TEAM,
                "email": "digitalisierung@jena.example.org",
            },
            {
                "name": "Team Bürgerbeteiligung",
                "short_name": "Bürgerbeteiligung",
                "kind": Department.Kind.TEAM,
                "email": "beteiligung@jena.example.org",
                "website": "https://jena.example.org/buergerbeteiligung",
            },
        ],
    },
    {
        "name": "Dezernat Familie, Bildung und Soziales",
        "short_name": "Dezernat 2",
        "kind": Department.Kind.DEZERNAT,
        "email": "dezernat2@jena.example.org",
        "units": [
            {
                "name": "Fachbereich Bildung",
                "short_name": "FB Bildung",
                "kind": Department.Kind.FACHBEREICH,
                "email": "bildung@jena.example.org",
            },
            {
                "name": "Fachbereich Jugend und Soziales",
                "short_name": "FB Jugend und Soziales",
                "kind": Department.Kind.FACHBEREICH,
                "email": "jugend-soziales@jena.example.org",
                "units": [
                    {
                        "name": "Team Kinder- und Jugendbeteiligung",
                        "short_name": "Jugendbeteiligung",
                        "kind": Department.Kind.TEAM,
                        "email": "jugendbeteiligung@jena.example.org",
                    },
                ],
            },
        ],
    },
    {
        "name": "Dezernat Stadtentwicklung und Umwelt",
        "short_name": "Dezernat 3",
        "kind": Department.Kind.DEZERNAT,
        "email": "dezernat3@jena.example.org",
        "units": [
            {
                "name": "Fachbereich Mobilität",
                "short_name": "FB Mobilität",
                "kind": Department.Kind.FACHBEREICH,
                "email": "mobilitaet@jena.example.org",
                "units": [
                    {
                        "name": "Team Verkehrsplanung",
                        "short_name": "Verkehrsplanung",
                        "kind": Department.Kind.TEAM,
                        "email": "verkehrsplanung@jena.example.org",
                    },
                ],
            },
            {
                "name": "Fachbereich Stadtentwicklung",
                "short_name": "FB Stadtentwicklung",
                "kind": Department.Kind.FACHBEREICH,
                "email": "stadtentwicklung@jena.example.org",
            },
            {
                "name": "Fachbereich Umwelt und Klimaschutz",
                "short_name": "FB Umwelt",
                "kind": Department.Kind.FACHBEREICH,
                "email": "umwelt@jena.example.org",
            },
            {
                "name": "Kommunalservice Jena",
                "short_name": "KSJ",
                "kind": Department.Kind.EIGENBETRIEB,
                "email": "kommunalservice@jena.example.org",
            },
        ],
    },
    {
        "name": "Dezernat Kultur, Sport und Sicherheit",
        "short_name": "Dezernat 4",
        "kind": Department.Kind.DEZERNAT,
        "email": "dezernat4@jena.example.org",
        "units": [
            {
                "name": "JenaKultur",
                "short_name": "JenaKultur",
                "kind": Department.Kind.EIGENBETRIEB,
                "email": "kultur@jena.example.org",
            },
            {
                "name": "Fachbereich Sport",
                "short_name": "FB Sport",
                "kind": Department.Kind.FACHBEREICH,
                "email": "sport@jena.example.org",
            },
        ],
    },
]

TOPICS = [
    ("Mobilität", "Wege durch die Stadt: zu Fuß, mit Bus und Straßenbahn, mit dem Auto."),
    ("Radverkehr", "Radwege, Abstellanlagen und sichere Kreuzungen."),
    ("Grün und Umwelt", "Parks, Stadtbäume, Gewässer, Lärm und Luft."),
    (
        "Klimaschutz",
        "Weniger Treibhausgase und eine Stadt, die mit Hitze und Starkregen umgehen kann.",
    ),
    ("Bildung", "Schulen, Volkshochschule und Bibliotheken."),
    ("Kinder und Jugend", "Spielplätze, Jugendzentren und Beteiligung junger Menschen."),
    ("Stadtentwicklung", "Plätze, Quartiere und Bebauungspläne."),
    ("Digitalisierung", "Digitale Verwaltung und digitale Bildung."),
    ("Kultur", "Theater, Museen, Musik und freie Kulturszene."),
    ("Soziales", "Nachbarschaft, Teilhabe und Unterstützung im Alltag."),
]

DISTRICTS = [
    "Zentrum",
    "Lobeda",
    "Winzerla",
    "Jena-Nord",
    "Jena-West",
    "Jena-Ost",
    "Wenigenjena",
    "Göschwitz",
    "Zwätzen",
    "Ammerbach",
]

# Fictional people; the addresses are functional mailboxes, not personal ones.
CONTACTS = [
    {
        "name": "Katrin Vogel",
        "role": "Projektleitung Radverkehr",
        "department": "team-verkehrsplanung",
        "email": "radverkehr@jena.example.org",
        "phone": "03641 49-5210",
    },
    {
        "name": "Jonas Albrecht",
        "role": "Grünflächen und Spielplätze",
        "department": "kommunalservice-jena",
        "email": "spielplaetze@jena.example.org",
        "phone": "03641 49-4312",
    },
    {
        "name": "Sabine Hoffmann",
        "role": "Koordination Bürgerhaushalt",
        "department": "fachbereich-finanzen",
        "email": "buergerhaushalt@jena.example.org",
        "phone": "03641 49-2105",
    },
    {
        "name": "Dr. Miriam Schulze",
        "role": "Klimaschutzmanagement",
        "department": "fachbereich-umwelt-und-klimaschutz",
        "email": "klimaschutz@jena.example.org",
        "phone": "03641 49-5430",
    },
    {
        "name": "Thomas Berger",
        "role": "Stadtplanung Innenstadt",
        "department": "fachbereich-stadtentwicklung",
        "email": "stadtplanung@jena.example.org",
        "phone": "03641 49-5120",
    },
    {
        "name": "Leonie Krüger",
        "role": "Kinder- und Jugendbeteiligung",
        "department": "team-kinder-und-jugendbeteiligung",
        "email": "jugendbeteiligung@jena.example.org",
        "phone": "03641 49-3260",
    },
    {
        "name": "Martin Engel",
        "role": "Schulentwicklungsplanung",
        "department": "fachbereich-bildung",
        "email": "schulen@jena.example.org",
        "phone": "03641 49-3110",
    },
    {
        "name": "Anne Wolf",
        "role": "Leitung Team Bürgerbeteiligung",
        "department": "team-buergerbeteiligung",
        "email": "beteiligung@jena.example.org",
        "phone": "03641 49-1050",
    },
    {
        "name": "Paul Schneider",
        "role": "Kulturentwicklung",
        "department": "jenakultur",
        "email": "kulturentwicklung@jena.example.org",
        "phone": "03641 49-8010",
    },
]

# Images are drawn at load time (there is no photo archive in a demo), so
# their alt texts describe the drawings, not the projects.
IMAGES = {
    "saaletal": {
        "title": "Demo-Illustration Saaletal",
        "description": "Gezeichnete Landschaft: drei grüne Hügelketten unter hellblauem "
        "Himmel, rechts oben eine gelbe Sonne.",
        "sky": ((110, 165, 220), (205, 228, 245)),
        "sun": ((255, 214, 102), 0.78, 0.22),
        "hills": [(120, 170, 100), (80, 140, 85), (45, 105, 70)],
    },
    "radweg": {
        "title": "Demo-Illustration Radweg",
        "description": "Gezeichnete Landschaft: blaugrüne Hügel unter einem orangefarbenen "
        "Morgenhimmel mit tief stehender Sonne.",
        "sky": ((250, 170, 110), (255, 232, 200)),
        "sun": ((255, 240, 190), 0.2, 0.45),
        "hills": [(90, 160, 160), (55, 125, 135), (35, 90, 105)],
    },
    "spielplatz": {
        "title": "Demo-Illustration Spielplatz",
        "description": "Gezeichnete Landschaft: Hügel in Gelb, Orange und Rot unter "
        "hellblauem Himmel mit Sonne.",
        "sky": ((120, 195, 235), (220, 242, 252)),
        "sun": ((255, 225, 90), 0.5, 0.2),
        "hills": [(250, 205, 80), (240, 145, 60), (205, 85, 60)],
    },
    "marktplatz": {
        "title": "Demo-Illustration Marktplatz",
        "description": "Gezeichnete Landschaft: sandfarbene Hügel unter einem hellgrauen Himmel.",
        "sky": ((175, 185, 205), (236, 236, 240)),
        "sun": None,
        "hills": [(205, 180, 140), (175, 145, 110), (135, 110, 90)],
    },
    "stadtgruen": {
        "title": "Demo-Illustration Stadtgrün",
        "description": "Gezeichnete Landschaft: dunkelgrüne Hügel unter mintgrünem Himmel mit "
        "blassgelber Sonne.",
        "sky": ((150, 205, 185), (228, 245, 235)),
        "sun": ((250, 250, 210), 0.3, 0.25),
        "hills": [(95, 160, 90), (55, 125, 70), (30, 85, 55)],
    },
    "schule": {
        "title": "Demo-Illustration Schule",
        "description": "Gezeichnete Landschaft: blaue Hügel unter einem fliederfarbenen Himmel mit "
        "weißer Sonne.",
        "sky": ((180, 160, 225), (240, 232, 250)),
        "sun": ((255, 255, 255), 0.7, 0.3),
        "hills": [(120, 150, 215), (80, 110, 185), (50, 75, 140)],
    },
    "abendstimmung": {
        "title": "Demo-Illustration Abendstimmung",
        "description": "Gezeichnete Landschaft: violette Hügel vor einem Abendhimmel, der von "
        "Dunkelblau zu Orange übergeht.",
        "sky": ((60, 55, 115), (250, 150, 105)),
        "sun": ((255, 190, 120), 0.62, 0.62),
        "hills": [(120, 80, 130), (85, 55, 105), (50, 35, 75)],
    },
}

DOCUMENTS = {
    "auftakt-radverkehr": {
        "title": "Präsentation zur Auftaktveranstaltung – Radverkehrskonzept Innenstadt",
        "filename": "praesentation-auftakt-radverkehrskonzept.pdf",
        "lines": [
            "Stadt Jena, Team Verkehrsplanung",
            "",
            "1. Warum ein Radverkehrskonzept?",
            "Mehr Menschen fahren Rad, die Innenstadt ist eng.",
            "",
            "2. Bestandsaufnahme",
            "38 km Radwege in der Innenstadt, davon 12 km schmaler als 1,50 m.",
            "Sieben Unfallschwerpunkte mit Radbeteiligung in drei Jahren.",
            "",
            "3. Ziele",
            "Durchgehende Hauptrouten, sichere Querungen, mehr Abstellanlagen.",
            "",
            "4. So geht es weiter",
            "Online-Beteiligung, Auswertung, Beschluss im Stadtrat.",
        ],
    },
    "ergebnisbericht-holzmarkt": {
        "title": "Ergebnisbericht – Umgestaltung Holzmarkt",
        "filename": "ergebnisbericht-umgestaltung-holzmarkt.pdf",
        "lines": [
            "Stadt Jena, Fachbereich Stadtentwicklung",
            "",
            "Beteiligung: 640 Beiträge online, 85 Gäste in der Planungswerkstatt.",
            "",
            "Übernommen:",
            "- mehr Bäume und Sitzgelegenheiten im Schatten",
            "- ein Trinkbrunnen",
            "- durchgehend ebene Gehwege ohne Stufen",
            "",
            "Nicht übernommen:",
            "- eine Tiefgarage (zu teuer, Grundwasser)",
            "",
            "Beschluss des Stadtrats: Umsetzung in zwei Bauabschnitten.",
        ],
    },
}

CITIZENS = [
    ("radfahrerin.jena@example.org", "Radfahrerin_Jena"),
    ("lobedaer@example.org", "Lobedaer"),
    ("saale-papa@example.org", "Saale-Papa"),
    ("kulturfan@example.net", "Kulturfan 07743"),
    ("gruene-ecke@example.net", "Grüne Ecke Winzerla"),
]

EDITOR = {
    "username": "redaktion",
    "email": "redaktion@jena.example.org",
    "display_name": "Team Bürgerbeteiligung",
    "first_name": "Demo",
    "last_name": "Redaktion",
}

SITE_NAME = "Beteiligungsportal Jena"
PORTAL_CONTACT_EMAIL = "beteiligung@jena.example.org"
DEMO_NOTE = text(
    "<p><b>Hinweis:</b> Beispieltext der Demo-Installation. Vor dem Betrieb durch die "
    "geprüfte Fassung der Stadt ersetzen.</p>"
)

# Pages. Slugs are the stable keys; "projekte" and the legal pages are
# referred to by slug from call-to-action blocks and the portal settings.

HOME = {
    "slug": "startseite",
    "title": "Mitreden in Jena",
    "intro": "Hier können Sie mitreden, wenn die Stadt Jena plant: bei Radwegen, Spielplätzen, "
    "beim Klimaschutz und beim städtischen Haushalt. Informieren Sie sich, bringen Sie Ihre "
    "Ideen ein und verfolgen Sie, was aus den Beiträgen geworden ist.",
    "hero_image": "saaletal",
    "featured_project_count": 6,
    "body": [
        h2("So funktioniert die Beteiligung"),
        text(
            "<ol><li>Projekt auswählen: Jedes Projekt zeigt, worum es geht, in welcher Phase "
            "es ist und wer in der Verwaltung zuständig ist.</li>"
            "<li>Mitmachen: Solange eine Beteiligungsphase läuft, können Sie Vorschläge "
            "machen, kommentieren und abstimmen. Dafür brauchen Sie ein Konto mit bestätigter "
            "E-Mail-Adresse; öffentlich erscheint nur Ihr selbst gewählter Anzeigename.</li>"
            "<li>Ergebnisse verfolgen: Nach der Auswertung lesen Sie auf der Projektseite, "
            "was aus den Beiträgen geworden ist.</li></ol>"
        ),
        call_to_action(
            "Alle Projekte auf einen Blick",
            "Zur Projektübersicht",
            page="projekte",
            words="Laufende, geplante und abgeschlossene Vorhaben – nach Thema und Stadtteil "
            "filterbar.",
        ),
    ],
}

PROJECT_INDEX = {
    "slug": "projekte",
    "title": "Projekte",
    "show_in_menus": True,
    "intro": "<p>Hier finden Sie alle Beteiligungsprojekte der Stadt Jena – laufende, geplante "
    "und abgeschlossene. Filtern Sie nach Status, Thema, Stadtteil oder zuständiger Stelle.</p>",
    "projects_per_page": 12,
}

IMPRINT = {
    "slug": "impressum",
    "title": "Impressum",
    "intro": "Angaben nach § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag (MStV).",
    "body": [
        DEMO_NOTE,
        h2("Herausgeberin"),
        text(
            "<p>Stadt Jena<br/>Team Bürgerbeteiligung<br/>Musterstraße 1<br/>07743 Jena</p>"
            "<p>Die Stadt Jena ist eine Gebietskörperschaft des öffentlichen Rechts. Sie wird "
            "durch den Oberbürgermeister vertreten.</p>"
        ),
        h2("Kontakt"),
        text(
            "<p>Telefon: 03641 49-1050<br/>E-Mail: "
            '<a href="mailto:beteiligung@jena.example.org">beteiligung@jena.example.org</a></p>'
        ),
        h2("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
        text("<p>Anne Wolf, Leitung Team Bürgerbeteiligung, Anschrift wie oben.</p>"),
        h2("Haftung für Links"),
        text(
            "<p>Dieses Portal enthält Links zu Websites Dritter. Für deren Inhalte sind "
            "ausschließlich die jeweiligen Anbieter verantwortlich. Wir prüfen verlinkte Seiten "
            "beim Setzen des Links; werden uns Rechtsverletzungen bekannt, entfernen wir den "
            "Link umgehend.</p>"
        ),
        h2("Bildnachweise"),
        text(
            "<p>Die Illustrationen dieser Demo-Installation werden automatisch erzeugt und "
            "sind frei von Rechten Dritter.</p>"
        ),
    ],
}

TERMS = {
    "slug": "nutzungsbedingungen",
    "title": "Nutzungsbedingungen",
    "intro": "Die Regeln für das Mitmachen im Beteiligungsportal der Stadt Jena.",
    "body": [
        DEMO_NOTE,
        h2("1. Worum es geht"),
        text(
            "<p>Im Beteiligungsportal können Sie Projekte der Stadt verfolgen, an Umfragen "
            "teilnehmen und mitdiskutieren. Lesen können Sie alles ohne Konto; zum Schreiben "
            "brauchen Sie ein bestätigtes Konto.</p>"
        ),
        h2("2. Regeln für Beiträge"),
        text(
            "<ul><li>Bleiben Sie sachlich und respektvoll.</li><li>Keine Beleidigungen, keine "
            "Werbung, keine personenbezogenen Daten anderer.</li><li>Die Moderation kann "
            "Beiträge, die gegen diese Regeln verstoßen, ausblenden oder entfernen; sie nennt "
            "dann den Grund.</li></ul>"
        ),
        h2("3. Ihr Konto"),
        text(
            "<p>Sie können Ihr Konto jederzeit löschen. Ihre Beiträge bleiben dann als "
            "„Gelöschtes Konto“ stehen, damit Diskussionen lesbar bleiben.</p>"
        ),
    ],
}

PRIVACY = {
    "slug": "datenschutz",
    "title": "Datenschutzerklärung",
    "intro": "Hier erfahren Sie, welche personenbezogenen Daten das Beteiligungsportal "
    "verarbeitet, wozu wir sie brauchen und welche Rechte Sie haben.",
    "body": [
        DEMO_NOTE,
        h2("1. Verantwortliche Stelle"),
        text(
            "<p>Stadt Jena, Team Bürgerbeteiligung, Musterstraße 1, 07743 Jena<br/>E-Mail: "
            '<a href="mailto:beteiligung@jena.example.org">beteiligung@jena.example.org</a></p>'
        ),
        h2("2. Datenschutzbeauftragte"),
        text(
            "<p>Sie erreichen die behördliche Datenschutzbeauftragte der Stadt Jena unter: "
            "Stadt Jena, Die Datenschutzbeauftragte, Musterstraße 1, 07743 Jena, "
            'E-Mail <a href="mailto:datenschutz@jena.example.org">datenschutz@jena.example.org'
            "</a>, Telefon 03641 49-1099. Bitte schreiben Sie „persönlich“ auf den Umschlag, "
            "wenn nur sie Ihren Brief öffnen soll.</p>"
        ),
        h2("3. Welche Daten wir verarbeiten"),
        h3("Wenn Sie das Portal nur lesen"),
        text(
            "<p>Sie können alle Inhalte lesen, ohne sich anzumelden. Wir speichern keine "
            "IP-Adressen. Um Missbrauch wie massenhafte Anmeldeversuche zu begrenzen, bilden wir "
            "aus der IP-Adresse eine gesalzene Prüfsumme (Hash), aus der sich die Adresse nicht "
            "zurückrechnen lässt, und löschen sie nach Ablauf der jeweiligen Sperrfrist.</p>"
        ),
        h3("Wenn Sie ein Benutzerkonto haben"),
        text(
            "<ul><li><b>E-Mail-Adresse</b> – für die Anmeldung, die Bestätigung Ihres Kontos und "
            "Benachrichtigungen, die Sie selbst anfordern. Sie wird nie öffentlich angezeigt."
            "</li><li><b>Anzeigename</b> – ein Name Ihrer Wahl, gern ein Pseudonym. Er steht "
            "neben Ihren Beiträgen.</li><li><b>Passwort</b> – nur als nicht umkehrbarer Hash."
            "</li><li><b>Ihre Beiträge</b> – Vorschläge, Kommentare, Unterstützungen und "
            "Abstimmungen mit Datum und Uhrzeit.</li></ul>"
        ),
        h3("Rechtsgrundlagen"),
        text(
            "<p>Ihr Konto verarbeiten wir mit Ihrer Einwilligung bei der Registrierung "
            "(Art. 6 Abs. 1 Satz 1 lit. a DSGVO). Die Auswertung der Beiträge dient der "
            "Beteiligung der Einwohnerinnen und Einwohner, einer Aufgabe im öffentlichen "
            "Interesse (Art. 6 Abs. 1 Satz 1 lit. e DSGVO in Verbindung mit dem Thüringer "
            "Datenschutzgesetz).</p>"
        ),
        h2("4. Cookies"),
        text(
            "<p>Wir setzen nur technisch notwendige Cookies, keine Cookies für Statistik, "
            "Tracking oder Werbung. Eine Einwilligung ist dafür nicht nötig "
            "(§ 25 Abs. 2 Nr. 2 TDDDG).</p><ul>"
            "<li><b>sessionid</b> – hält Sie nach der Anmeldung angemeldet; gelöscht beim "
            "Abmelden, spätestens nach zwei Wochen.</li>"
            "<li><b>csrftoken</b> – schützt Formulare davor, von fremden Websites aus "
            "abgeschickt zu werden; Laufzeit ein Jahr.</li>"
            "<li><b>django_language</b> – merkt sich die Sprache, die Sie gewählt haben; nur "
            "gesetzt, wenn Sie die Sprache wechseln, gelöscht beim Schließen des Browsers.</li>"
            "</ul>"
        ),
        h2("5. Videos anderer Anbieter"),
        text(
            "<p>Videos von YouTube oder Vimeo laden wir erst, wenn Sie das ausdrücklich "
            "anklicken. Erst dann erhält der Anbieter Daten wie Ihre IP-Adresse. Bei YouTube "
            "nutzen wir den erweiterten Datenschutzmodus (youtube-nocookie.com).</p>"
        ),
        h2("6. Speicherdauer"),
        text(
            "<p>Ihre Kontodaten speichern wir, bis Sie Ihr Konto löschen; das können Sie "
            "jederzeit selbst in Ihrem Profil tun. Ergebnisse, in die Ihre Beiträge eingeflossen "
            "sind, veröffentlichen wir nur zusammengefasst und ohne Bezug zu Ihrer Person.</p>"
        ),
        h2("7. Ihre Rechte"),
        text(
            "<p>Sie haben das Recht auf</p><ul><li>Auskunft über Ihre Daten (Art. 15 DSGVO),"
            "</li><li>Berichtigung (Art. 16 DSGVO),</li><li>Löschung (Art. 17 DSGVO),</li>"
            "<li>Einschränkung der Verarbeitung (Art. 18 DSGVO),</li>"
            "<li>Datenübertragbarkeit (Art. 20 DSGVO),</li>"
            "<li>Widerspruch gegen die Verarbeitung (Art. 21 DSGVO) und</li>"
            "<li>Widerruf Ihrer Einwilligung mit Wirkung für die Zukunft "
            "(Art. 7 Abs. 3 DSGVO).</li></ul>"
            "<p>Sie können sich außerdem bei der Aufsichtsbehörde beschweren: dem Thüringer "
            "Landesbeauftragten für den Datenschutz und die Informationsfreiheit "
            '(<a href="https://www.tlfdi.de">www.tlfdi.de</a>).</p>'
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "barrierefreiheit",
    "title": "Erklärung zur Barrierefreiheit",
    "intro": "Die Stadt Jena möchte, dass alle Menschen das Beteiligungsportal nutzen können – "
    "unabhängig von Behinderungen, Alter oder Technik.",
}

# Barriers in the demo city's content that the portal's software cannot remove.
ACCESSIBILITY_GAPS = [
    "Einige PDF-Dokumente, vor allem Präsentationen, sind nicht vollständig barrierefrei "
    "(fehlende Strukturinformationen). Auf Anfrage schicken wir Ihnen die Inhalte in "
    "zugänglicher Form.",
    "Videos haben noch nicht durchgängig Untertitel. Zu jedem Video gibt es eine Textfassung "
    "oder Zusammenfassung.",
    "Die externe Online-Karte zum Radverkehrskonzept lässt sich nicht vollständig mit der "
    "Tastatur bedienen. Hinweise können Sie auch per E-Mail geben.",
    "Informationen in Leichter Sprache und in Deutscher Gebärdensprache fehlen noch; sie sind "
    "in Vorbereitung.",
]


def bullet_list(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def accessibility_statement(today: date) -> dict:
    """The statement page (structure of the Bund/Länder template), written on every load.

    What it says was tested comes from pages/accessibility_audit.py, the list
    the browser audit runs, so it cannot claim more than the tests show.
    """
    with translation.override("de"):
        created = formats.date_format(today, "j. F Y")
    return ACCESSIBILITY | {
        "body": [
            DEMO_NOTE,
            text(
                "<p>Die Stadt Jena ist bemüht, ihr Beteiligungsportal im Einklang mit dem "
                "Thüringer Barrierefreie-Websites-Gesetz (ThürBarrWebG) und der "
                "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich "
                "zu machen. Diese Erklärung gilt für das Beteiligungsportal der Stadt Jena.</p>"
            ),
            h2("Stand der Vereinbarkeit mit den Anforderungen"),
            text(
                "<p>Das Portal ist wegen der unten aufgeführten Ausnahmen <b>teilweise</b> mit "
                "den Anforderungen der BITV 2.0 und der Norm EN 301 549 vereinbar.</p>"
            ),
            h2("Nicht barrierefreie Inhalte"),
            text(bullet_list(ACCESSIBILITY_GAPS)),
            h2("Erstellung dieser Erklärung"),
            text(
                f"<p>Diese Erklärung wurde am {created} erstellt. Sie beruht auf einer "
                "Selbstbewertung: auf automatisierten Prüfungen, die bei jeder Änderung der "
                "Software laufen und sie aufhalten, wenn sie einen Fehler finden.</p>"
                f"<p>Methode: Das Prüfwerkzeug axe-core (Version {audit.AXE_CORE_VERSION}) "
                "prüft die Seiten im Browser Chromium mit seinen Regeln für die WCAG 2.1, "
                "Konformitätsstufen A und AA, auf die die BITV 2.0 über die EN 301 549 "
                "verweist. Jede der folgenden Seiten und Zustände hat dabei keinen Verstoß "
                "gezeigt.</p>"
            ),
            h3("Geprüfte Seitentypen und Zustände"),
            text(bullet_list(entry.label for entry in audit.AUDITED_PAGES)),
            h3("Zusätzliche Prüfungen"),
            text(bullet_list(entry.label for entry in audit.EXTRA_CHECKS)),
            h3("Geprüfte Nutzerwege"),
            text(
                "<p>Diese Wege spielen die Tests in Chromium durch, wie Bürger*innen sie "
                "gehen:</p>" + bullet_list(entry.label for entry in audit.JOURNEYS)
            ),
            h3("Was die automatisierten Prüfungen nicht abdecken"),
            text(
                "<p>Automatisierte Prüfungen finden nur einen Teil möglicher Barrieren. Nicht "
                "geprüft sind:</p>" + bullet_list(audit.NOT_COVERED) + "<p>Eine Prüfung "
                "durch unabhängige Prüfende (zum Beispiel ein BITV-Test) steht noch aus.</p>"
            ),
            h2("Feedback und Kontaktangaben"),
            text(
                "<p>Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie Informationen aus "
                "einem nicht barrierefreien Inhalt? Schreiben Sie uns:</p><p>Stadt Jena, Team "
                "Bürgerbeteiligung, Musterstraße 1, 07743 Jena<br/>E-Mail: "
                '<a href="mailto:barrierefreiheit@jena.example.org">'
                "barrierefreiheit@jena.example.org</a><br/>Telefon: 03641 49-1050</p>"
                "<p>Wir antworten innerhalb von sechs Wochen.</p>"
            ),
            h2("Schlichtungsverfahren"),
            text(
                "<p>Wenn Sie auch nach Ihrem Feedback an die oben genannte Stelle keine "
                "zufriedenstellende Lösung erhalten haben, können Sie ein Schlichtungsverfahren "
                "beantragen. Zuständig für öffentliche Stellen in Thüringen ist die "
                "Schlichtungsstelle beim Beauftragten für Menschen mit Behinderungen des "
                "Freistaats Thüringen. Ziel der Schlichtung ist eine Einigung ohne Gericht; das "
                "Verfahren ist kostenlos, und Sie brauchen keinen Rechtsbeistand.</p>"
            ),
        ],
    }


ABOUT = {
    "slug": "ueber-das-portal",
    "title": "Über das Portal",
    "show_in_menus": True,
    "intro": "Das Beteiligungsportal ist das Online-Angebot der Stadt Jena für die "
    "Bürgerbeteiligung. Es ergänzt Veranstaltungen vor Ort, ersetzt sie aber nicht.",
    "body": [
        h2("Wozu dieses Portal?"),
        text(
            "<p>Viele Vorhaben der Stadt betreffen Ihren Alltag: den Weg zur Arbeit, den "
            "Spielplatz um die Ecke, die Bäume in Ihrer Straße. Hier stellen die Fachbereiche "
            "der Stadtverwaltung ihre Vorhaben früh vor und fragen nach Ihrer Meinung – bevor "
            "entschieden ist.</p><p>Jedes Projekt zeigt, in welcher Phase es ist, wann Sie sich "
            "beteiligen können und wer Ihre Ansprechperson in der Verwaltung ist.</p>"
        ),
        h2("Spielregeln für einen guten Austausch"),
        text(
            "<ul><li>Bleiben Sie beim Thema und begründen Sie Ihre Vorschläge.</li>"
            "<li>Respektieren Sie andere Meinungen. Beleidigende, diskriminierende oder "
            "werbliche Beiträge entfernen wir.</li>"
            "<li>Nennen Sie keine persönlichen Daten – weder Ihre eigenen noch die anderer.</li>"
            "</ul>"
        ),
        quote(
            "Gute Entscheidungen entstehen, wenn die Menschen, die in Jena leben, ihr Wissen "
            "einbringen können.",
            "Team Bürgerbeteiligung der Stadt Jena",
        ),
        faq(
            [
                (
                    "Brauche ich ein Konto?",
                    "<p>Zum Lesen nicht. Um Vorschläge zu machen, zu kommentieren oder "
                    "abzustimmen, registrieren Sie sich mit Ihrer E-Mail-Adresse und bestätigen "
                    "sie. Öffentlich sichtbar ist nur Ihr Anzeigename.</p>",
                ),
                (
                    "Was passiert mit meinen Beiträgen?",
                    "<p>Die zuständige Stelle wertet alle Beiträge aus. Unter „Ergebnisse“ lesen "
                    "Sie am Ende jedes Projekts, was übernommen wurde, was nicht – und warum."
                    "</p>",
                ),
                (
                    "Wer betreibt das Portal?",
                    "<p>Die Stadt Jena, Team Bürgerbeteiligung. Sie erreichen uns unter "
                    '<a href="mailto:beteiligung@jena.example.org">'
                    "beteiligung@jena.example.org</a>.</p>",
                ),
            ],
            heading="Häufige Fragen",
        ),
        call_to_action(
            "Jetzt mitmachen",
            "Zu den Projekten",
            page="projekte",
            words="Sehen Sie nach, wo Sie sich gerade beteiligen können.",
        ),
    ],
}


def standard_pages(today: date) -> list[dict]:
    return [IMPRINT, PRIVACY, TERMS, accessibility_statement(today), ABOUT]


PROJECTS = [
    {
        "slug": "radverkehrskonzept-innenstadt",
        "title": "Radverkehrskonzept Innenstadt",
        "teaser": "Wo fehlen sichere Radwege, wo wird es eng? Die Stadt erarbeitet ein "
        "Radverkehrskonzept für die Innenstadt. Melden Sie Gefahrenstellen auf der Online-Karte "
        "und kommentieren Sie die Vorschläge anderer.",
        "hero_image": "radweg",
        "department": "team-verkehrsplanung",
        "topics": ["mobilitaet", "radverkehr"],
        "district": "zentrum",
        "contact": "Katrin Vogel",
        "phases": [
            inform(
                "Information",
                (-42, -22),
                "Auftaktveranstaltung im Volkshaus und Vorstellung der Bestandsaufnahme.",
            ),
            participate(
                "Online-Beteiligung",
                (-21, 24),
                "Melden Sie Gefahrenstellen, Lücken im Radnetz und fehlende Abstellanlagen, "
                "und kommentieren Sie die Hinweise anderer.",
            ),
            inform(
                "Auswertung",
                (25, 70),
                "Das Team Verkehrsplanung prüft alle Hinweise und arbeitet sie in den Entwurf "
                "des Konzepts ein.",
            ),
            inform(
                "Beschluss im Stadtrat",
                (71, 120),
                "Der Entwurf wird im Ausschuss für Stadtentwicklung und Umwelt beraten und dem "
                "Stadtrat zur Entscheidung vorgelegt.",
            ),
        ],
        "body": [
            h2("Worum geht es?"),
            text(
                "<p>Immer mehr Menschen in Jena fahren Rad – zur Arbeit, zur Uni, zum Einkaufen. "
                "Gleichzeitig ist die Innenstadt eng: Fußgängerinnen und Fußgänger, Busse, "
                "Lieferverkehr und Radfahrende teilen sich wenig Platz. Das Radverkehrskonzept "
                "soll zeigen, wie ein zusammenhängendes und sicheres Radnetz in der Innenstadt "
                "aussehen kann.</p><p>Das Konzept umfasst</p><ul>"
                "<li>durchgehende Hauptrouten zwischen der Innenstadt, Jena-Nord, Lobeda und "
                "Winzerla,</li><li>sichere Querungen an großen Kreuzungen wie am Löbdergraben,"
                "</li><li>mehr Abstellanlagen an Haltestellen und Einkaufsstraßen.</li></ul>"
            ),
            image("radweg", caption="Sichere Wege für alle, die in der Innenstadt unterwegs sind."),
            h2("Wie kann ich mitmachen?"),
            text(
                "<p>Bis zum Ende der Online-Beteiligung können Sie auf der "
                '<a href="https://jena.example.org/radverkehr/karte">Online-Karte</a> Orte '
                "markieren und beschreiben, was dort besser werden sollte. Sie können auch die "
                "Hinweise anderer kommentieren und unterstützen.</p>"
            ),
            h3("Rückblick auf die Auftaktveranstaltung"),
            video(
                "https://www.youtube.com/watch?v=DemoVideo01",
                "Aufzeichnung der Auftaktveranstaltung zum Radverkehrskonzept",
                "Begrüßung durch die Dezernentin für Stadtentwicklung und Umwelt. Danach stellt "
                "das Team Verkehrsplanung die Bestandsaufnahme vor: 38 Kilometer Radwege in der "
                "Innenstadt, davon 12 Kilometer schmaler als 1,50 Meter, und sieben "
                "Unfallschwerpunkte.\n\nIn der Fragerunde ging es vor allem um die Kreuzung am "
                "Löbdergraben, um Abstellplätze am Paradiesbahnhof und um den Winterdienst auf "
                "Radwegen.",
            ),
            document(
                "auftakt-radverkehr",
                title="Präsentation zur Auftaktveranstaltung",
                description="Die Folien der Auftaktveranstaltung mit den Ergebnissen der "
                "Bestandsaufnahme.",
            ),
            faq(
                [
                    (
                        "Muss ich mich registrieren, um Hinweise zu geben?",
                        "<p>Ja, mit einer E-Mail-Adresse und einem Anzeigenamen. So können wir "
                        "Mehrfachbeiträge erkennen; öffentlich erscheint nur Ihr Anzeigename.</p>",
                    ),
                    (
                        "Werden alle Vorschläge umgesetzt?",
                        "<p>Nein. Jeder Hinweis wird geprüft, aber manche widersprechen sich "
                        "oder sind nicht finanzierbar. Nach der Auswertung lesen Sie hier, was "
                        "übernommen wurde und warum anderes nicht.</p>",
                    ),
                    (
                        "Kann ich auch ohne Internet mitmachen?",
                        "<p>Ja. Im Bürgerservice liegen Postkarten aus, auf denen Sie Ihre "
                        "Hinweise notieren können. Wir tragen sie in die Karte ein.</p>",
                    ),
                ]
            ),
            call_to_action(
                "Hinweise auf der Karte eintragen",
                "Zur Online-Karte",
                url="https://jena.example.org/radverkehr/karte",
                words="Die Karte ist bis zum Ende der Online-Beteiligung freigeschaltet.",
            ),
        ],
    },
    {
        "slug": "spielplatz-lobeda-west",
        "title": "Neugestaltung Spielplatz Lobeda-West",
        "teaser": "Der Spielplatz an der Karl-Marx-Allee wird neu gebaut. Kinder, Eltern und "
        "Nachbarschaft sagen jetzt, was er bieten soll: Klettern, Wasser, Schatten, Bänke? "
        "Später stimmen Sie über die Entwürfe ab.",
        "hero_image": "spielplatz",
        "department": "kommunalservice-jena",
        "topics": ["kinder-und-jugend", "gruen-und-umwelt"],
        "district": "lobeda",
        "contact": "Jonas Albrecht",
        "phases": [
            participate(
                "Ideen sammeln",
                (-10, 18),
                "Online und beim Spielplatzfest vor Ort: Was wünschen Sie sich?",
            ),
            inform(
                "Entwurfsplanung",
                (19, 60),
                "Ein Landschaftsarchitekturbüro zeichnet aus den Ideen zwei Entwürfe.",
            ),
            participate(
                "Abstimmung über die Entwürfe",
                (61, 80),
                "Sie entscheiden, welcher Entwurf gebaut wird.",
            ),
            inform("Bau", (81, 240), "Umbau des Spielplatzes; er bleibt so lange gesperrt."),
        ],
        "body": [
            h2("Ein neuer Spielplatz für Lobeda-West"),
            text(
                "<p>Die Spielgeräte an der Karl-Marx-Allee sind über 30 Jahre alt und müssen "
                "ersetzt werden. Der Kommunalservice Jena nutzt die Gelegenheit, den ganzen "
                "Platz neu zu gestalten – mit denen, die ihn täglich nutzen.</p>"
            ),
            image(
                "spielplatz",
                caption="So bunt wie die Ideen der Kinder: Der Spielplatz soll für alle "
                "Altersgruppen etwas bieten.",
            ),
            quote(
                "Wir wünschen uns eine Kletterwand und einen Platz im Schatten, wo man sich "
                "treffen kann.",
                "Schülerin der 4. Klasse beim Kinderworkshop",
            ),
            h2("So machen Sie mit"),
            text(
                "<ul><li>Online: Schreiben Sie Ihre Ideen hier auf dem Portal.</li>"
                "<li>Vor Ort: Beim Spielplatzfest malen und bauen Kinder ihren Traumspielplatz."
                "</li><li>In der Schule: Die Grundschulen in Lobeda sammeln Ideen im Unterricht."
                "</li></ul>"
            ),
            faq(
                [
                    (
                        "Wie lange ist der Spielplatz gesperrt?",
                        "<p>Während der Bauphase, voraussichtlich vier bis fünf Monate. Der "
                        "nächste Spielplatz liegt am Stadtteilzentrum.</p>",
                    ),
                    (
                        "Dürfen Kinder selbst abstimmen?",
                        "<p>Ja. Für die Abstimmung über die Entwürfe gibt es kein Mindestalter."
                        "</p>",
                    ),
                ]
            ),
            call_to_action(
                "Noch mehr mitreden",
                "Alle Projekte ansehen",
                page="projekte",
                words="In vielen Stadtteilen laufen gerade Beteiligungen.",
            ),
        ],
    },
    {
        "slug": "buergerhaushalt-2027",
        "title": "Bürgerhaushalt 2027",
        "teaser": "200.000 Euro für Ideen aus der Bürgerschaft: Bald können Sie Vorschläge für "
        "den Haushalt 2027 einreichen. Die Verwaltung prüft sie, danach stimmen alle "
        "Jenaerinnen und Jenaer ab.",
        "hero_image": "abendstimmung",
        "department": "fachbereich-finanzen",
        "topics": ["stadtentwicklung", "soziales"],
        "district": None,
        "contact": "Sabine Hoffmann",
        "phases": [
            inform(
                "Information",
                (-6, 13),
                "Infoabende in den Stadtteilen: Wie funktioniert der Bürgerhaushalt?",
            ),
            participate(
                "Vorschläge einreichen",
                (14, 55),
                "Reichen Sie Ihre Ideen ein und kommentieren Sie die Vorschläge anderer.",
            ),
            inform(
                "Prüfung durch die Verwaltung",
                (56, 100),
                "Die Fachbereiche prüfen, ob die Vorschläge machbar sind und was sie kosten.",
            ),
            participate(
                "Abstimmung",
                (101, 125),
                "Alle Einwohnerinnen und Einwohner ab 14 Jahren stimmen über die geprüften "
                "Vorschläge ab.",
            ),
        ],
        "body": [
            h2("Was ist der Bürgerhaushalt?"),
            text(
                "<p>Der Stadtrat stellt 200.000 Euro bereit, über deren Verwendung die "
                "Einwohnerinnen und Einwohner entscheiden. Gefördert werden Vorschläge, die</p>"
                "<ul><li>in der Zuständigkeit der Stadt liegen,</li>"
                "<li>einmalig nicht mehr als 30.000 Euro kosten und</li>"
                "<li>allen zugutekommen, nicht einzelnen Personen oder Firmen.</li></ul>"
            ),
            h3("Beispiele aus anderen Städten"),
            text(
                "<p>Trinkbrunnen, Bänke an Spazierwegen, ein Bücherschrank, Fahrradreparatur"
                "stationen oder eine Beleuchtung für den Bolzplatz.</p>"
            ),
            faq(
                [
                    (
                        "Wer darf Vorschläge einreichen?",
                        "<p>Alle, die in Jena wohnen, arbeiten oder zur Schule gehen.</p>",
                    ),
                    (
                        "Wie viele Vorschläge darf ich machen?",
                        "<p>Bis zu drei. Ähnliche Vorschläge fassen wir mit Ihrem Einverständnis "
                        "zusammen.</p>",
                    ),
                    (
                        "Wann werden die Vorschläge umgesetzt?",
                        "<p>Die Vorschläge mit den meisten Stimmen werden im Jahr 2027 umgesetzt, "
                        "bis das Budget ausgeschöpft ist.</p>",
                    ),
                ]
            ),
            call_to_action(
                "Der Haushalt der Stadt Jena",
                "Zum Haushaltsplan",
                url="https://jena.example.org/haushalt",
                words="Woher das Geld der Stadt kommt und wofür sie es ausgibt.",
            ),
        ],
    },
    {
        "slug": "klimaschutzstrategie-2035",
        "title": "Klimaschutzstrategie 2035",
        "teaser": "Wie wird Jena bis 2035 klimaneutral? Über 1.100 Beiträge sind online und im "
        "Klimaforum eingegangen. Die Verwaltung wertet sie jetzt aus; erste Zwischenergebnisse "
        "finden Sie hier.",
        "hero_image": "stadtgruen",
        "department": "fachbereich-umwelt-und-klimaschutz",
        "topics": ["klimaschutz", "gruen-und-umwelt", "mobilitaet"],
        "district": None,
        "contact": "Dr. Miriam Schulze",
        "phases": [
            participate(
                "Online-Beteiligung",
                (-100, -46),
                "Vorschläge zu Energie, Verkehr, Bauen und Konsum.",
            ),
            participate(
                "Klimaforum",
                (-45, -40),
                "Zufällig ausgeloste Einwohnerinnen und Einwohner diskutieren die Vorschläge.",
            ),
            inform(
                "Auswertung",
                (-39, 30),
                "Der Fachbereich Umwelt und Klimaschutz ordnet und bewertet die Beiträge.",
            ),
            inform(
                "Beschluss im Stadtrat",
                (31, 75),
                "Die Strategie wird dem Stadtrat zum Beschluss vorgelegt.",
            ),
        ],
        "body": [
            h2("Klimaneutral bis 2035"),
            text(
                "<p>Der Stadtrat hat beschlossen, dass Jena bis 2035 klimaneutral werden soll. "
                "Die Klimaschutzstrategie beschreibt, wie das gelingen kann: mit erneuerbarer "
                "Wärme, besserem Nahverkehr, sanierten Gebäuden und mehr Grün gegen die Hitze."
                "</p>"
            ),
            quote(
                "Ich hätte nicht gedacht, dass sich Menschen mit so unterschiedlichen Ansichten "
                "an einem Abend auf so viel einigen können.",
                "Teilnehmer des Klimaforums",
            ),
            video(
                "https://youtu.be/DemoVideo02",
                "Das Klimaforum in drei Minuten",
                "Das Video zeigt Ausschnitte aus dem Klimaforum. 60 ausgeloste Einwohnerinnen "
                "und Einwohner diskutieren an Thementischen. Am Ende stellen die Tische ihre "
                "wichtigsten Empfehlungen vor: Solaranlagen auf allen städtischen Dächern, ein "
                "günstigeres Nahverkehrsticket und mehr Bäume in den Wohngebieten.",
            ),
        ],
        "results_intro": "1.134 Beiträge sind eingegangen, davon 980 online und 154 im "
        "Klimaforum. Die Auswertung läuft noch. Die häufigsten Themen waren Wärme, Nahverkehr "
        "und Stadtgrün.",
        "results": [
            h2("Zwischenergebnisse"),
            text(
                "<ul><li>Wärme: 312 Beiträge, vor allem zu Fernwärme und Solaranlagen.</li>"
                "<li>Nahverkehr: 276 Beiträge, vor allem zu Takt und Preisen.</li>"
                "<li>Stadtgrün: 201 Beiträge, vor allem zu Bäumen und Entsiegelung.</li></ul>"
            ),
            call_to_action(
                "Wie geht es weiter?",
                "Alle Projekte",
                page="projekte",
                words="Der Entwurf der Strategie wird dem Stadtrat vorgelegt. Wir informieren "
                "Sie hier über den Beschluss.",
            ),
        ],
    },
    {
        "slug": "umgestaltung-holzmarkt",
        "title": "Umgestaltung Holzmarkt",
        "teaser": "Mehr Schatten, mehr Platz zum Verweilen, keine Stufen: Der Holzmarkt wird "
        "umgestaltet. Über 600 Beiträge sind in die Planung eingeflossen. Hier lesen Sie, was "
        "der Stadtrat beschlossen hat.",
        "hero_image": "marktplatz",
        "department": "fachbereich-stadtentwicklung",
        "topics": ["stadtentwicklung", "mobilitaet"],
        "district": "zentrum",
        "contact": "Thomas Berger",
        "phases": [
            inform("Information", (-400, -371), "Ausstellung im Rathaus und Stadtspaziergang."),
            participate(
                "Online-Beteiligung und Planungswerkstatt",
                (-370, -325),
                "Was gefällt Ihnen am Holzmarkt, was fehlt? Zum Abschluss arbeiten Bürgerinnen, "
                "Bürger und Planungsbüro in einer Werkstatt gemeinsam an Entwürfen.",
            ),
            inform("Auswertung", (-324, -260)),
            inform("Beschluss im Stadtrat", (-259, -230)),
        ],
        "body": [
            h2("Ein Platz zum Verweilen"),
            text(
                "<p>Der Holzmarkt ist einer der belebtesten Plätze der Innenstadt, aber im "
                "Sommer heiß und für Menschen mit Rollator oder Kinderwagen schwer zu queren. "
                "Die Umgestaltung soll das ändern.</p>"
            ),
            image("marktplatz", caption="Der Holzmarkt soll grüner und schattiger werden."),
            h3("Was sich ändert"),
            text(
                "<ul><li>zwölf neue Bäume und Sitzgelegenheiten im Schatten,</li>"
                "<li>ein Trinkbrunnen,</li><li>ebene Gehwege ohne Stufen und Kanten.</li></ul>"
            ),
            faq(
                [
                    (
                        "Wann beginnen die Bauarbeiten?",
                        "<p>Im kommenden Frühjahr mit dem ersten Bauabschnitt.</p>",
                    ),
                    (
                        "Bleiben die Geschäfte erreichbar?",
                        "<p>Ja. Die Zugänge zu allen Geschäften bleiben während der Bauzeit "
                        "offen.</p>",
                    ),
                ]
            ),
        ],
        "results_intro": "640 Beiträge online und 85 Gäste in der Planungswerkstatt haben die "
        "Planung geprägt. Der Stadtrat hat die Umgestaltung in zwei Bauabschnitten beschlossen; "
        "die meisten Vorschläge wurden übernommen.",
        "results": [
            h2("Was aus Ihren Beiträgen geworden ist"),
            text(
                "<p>Übernommen wurden unter anderem:</p><ul><li>mehr Bäume und schattige "
                "Sitzplätze (in 212 Beiträgen gewünscht),</li><li>ein Trinkbrunnen,</li>"
                "<li>durchgehend ebene Wege.</li></ul><p>Nicht übernommen wurde eine Tiefgarage: "
                "Sie wäre zu teuer und wegen des hohen Grundwassers kaum zu bauen.</p>"
            ),
            image("marktplatz", caption="Der beschlossene Entwurf (Illustration)."),
            document(
                "ergebnisbericht-holzmarkt",
                description="Alle Ergebnisse der Beteiligung und die Begründungen der Verwaltung.",
            ),
            call_to_action(
                "Beschluss des Stadtrats",
                "Zum Ratsinformationssystem",
                url="https://jena.example.org/ratsinfo/holzmarkt",
            ),
        ],
    },
    {
        "slug": "digitale-schule",
        "title": "Digitale Schule",
        "teaser": "Tablets, WLAN, digitale Lernplattformen: Wie sollen Jenas Schulen in fünf "
        "Jahren arbeiten? Bald fragen wir Schülerinnen und Schüler, Eltern und Lehrkräfte in "
        "einer Online-Umfrage.",
        "hero_image": "schule",
        "department": "fachbereich-bildung",
        "topics": ["bildung", "digitalisierung", "kinder-und-jugend"],
        "district": None,
        "contact": "Martin Engel",
        "phases": [
            inform(
                "Information",
                (5, 20),
                "Vorstellung des Medienentwicklungsplans in den Schulkonferenzen.",
            ),
            participate(
                "Online-Umfrage",
                (21, 49),
                "Eine Umfrage für Schülerinnen und Schüler, Eltern und Lehrkräfte.",
            ),
            inform("Auswertung", (50, 90)),
        ],
        "body": [
            h2("Der Medienentwicklungsplan"),
            text(
                "<p>Die Stadt ist Trägerin von 32 Schulen. Sie sorgt für Gebäude, Netz und "
                "Geräte. Der Medienentwicklungsplan legt fest, was in den nächsten fünf Jahren "
                "angeschafft wird und wie die Schulen dabei unterstützt werden.</p>"
            ),
            h3("Wen wir fragen"),
            text(
                "<ul><li>Schülerinnen und Schüler ab Klasse 5,</li><li>Eltern,</li>"
                "<li>Lehrkräfte und Schulsozialarbeit.</li></ul>"
            ),
            video(
                "https://www.youtube.com/watch?v=DemoVideo03",
                "Erklärvideo: Was ist ein Medienentwicklungsplan?",
                "Ein kurzer Trickfilm erklärt, wer in Jena für die Technik an Schulen zuständig "
                "ist, warum ein Plan für fünf Jahre nötig ist und wie Schülerinnen, Schüler, "
                "Eltern und Lehrkräfte mitreden können.",
            ),
            call_to_action(
                "Mehr zur Bildung in Jena",
                "Zum Bildungsportal",
                url="https://jena.example.org/bildung",
            ),
        ],
    },
    {
        "slug": "laermaktionsplan",
        "title": "Lärmaktionsplan, Stufe 4",
        "teaser": "Wo ist es in Jena zu laut, und was hilft dagegen? Der Lärmaktionsplan ist "
        "beschlossen: Tempo 30 nachts auf fünf Hauptstraßen, leiserer Asphalt und ein "
        "Förderprogramm für Schallschutzfenster.",
        "hero_image": None,
        "department": "fachbereich-umwelt-und-klimaschutz",
        "topics": ["gruen-und-umwelt", "mobilitaet"],
        "district": None,
        "contact": "Dr. Miriam Schulze",
        "phases": [
            participate(
                "Öffentlichkeitsbeteiligung",
                (-300, -259),
                "Nennen Sie Orte, an denen Lärm Sie stört.",
            ),
            inform("Auswertung", (-258, -200)),
            participate(
                "Öffentliche Auslegung des Entwurfs",
                (-199, -170),
                "Stellungnahmen zum Entwurf des Lärmaktionsplans.",
            ),
            inform("Beschluss im Stadtrat", (-169, -140)),
        ],
        "body": [
            h2("Worum ging es?"),
            text(
                "<p>Die EU-Umgebungslärmrichtlinie verpflichtet Städte, alle fünf Jahre Lärm zu "
                "kartieren und Maßnahmen zu planen. Lärm von Straßen, Schienen und Gewerbe kann "
                "krank machen – besonders nachts.</p>"
            ),
            faq(
                [
                    (
                        "Wo kann ich die Lärmkarten sehen?",
                        '<p>Im <a href="https://jena.example.org/umwelt/laermkarten">'
                        "Umweltportal der Stadt</a>.</p>",
                    ),
                    (
                        "Gibt es Geld für Schallschutzfenster?",
                        "<p>Ja, für Wohnungen an den besonders belasteten Straßen. Die "
                        "Bedingungen stehen im Förderprogramm.</p>",
                    ),
                ],
                heading="Fragen zum Lärmaktionsplan",
            ),
        ],
        "results_intro": "In beiden Beteiligungsrunden kamen 430 Hinweise. Der Stadtrat hat den "
        "Lärmaktionsplan beschlossen; drei der fünf wichtigsten Maßnahmen gehen auf Hinweise "
        "aus der Bürgerschaft zurück.",
        "results": [
            h2("Beschlossene Maßnahmen"),
            text(
                "<ul><li>Tempo 30 von 22 bis 6 Uhr auf fünf Hauptstraßen,</li>"
                "<li>lärmmindernder Asphalt bei allen anstehenden Sanierungen,</li>"
                "<li>ein Förderprogramm für Schallschutzfenster.</li></ul>"
            ),
        ],
    },
    {
        "slug": "freizeitzentrum-winzerla",
        "title": "Jugendbeteiligung Freizeitzentrum Winzerla",
        "teaser": "Was soll das Freizeitzentrum Winzerla künftig anbieten? Jugendliche haben in "
        "Workshops und einer Umfrage ihre Wünsche gesagt. Jetzt werten wir aus – hier stehen "
        "die ersten Ergebnisse.",
        "hero_image": "abendstimmung",
        "department": "team-kinder-und-jugendbeteiligung",
        "topics": ["kinder-und-jugend", "kultur"],
        "district": "winzerla",
        "contact": "Leonie Krüger",
        "phases": [
            participate(
                "Jugendworkshops",
                (-60, -35),
                "Drei Workshops im Freizeitzentrum, organisiert mit dem Jugendparlament.",
            ),
            participate("Online-Umfrage", (-34, -8), "Eine Umfrage für alle zwischen 12 und 21."),
            inform(
                "Auswertung",
                (-7, 35),
                "Das Team Kinder- und Jugendbeteiligung wertet aus, gemeinsam mit Jugendlichen.",
            ),
        ],
        "body": [
            h2("Euer Freizeitzentrum"),
            text(
                "<p>Das Freizeitzentrum in Winzerla wird saniert. Bevor geplant wird, wollten "
                "wir von euch wissen: Was fehlt euch in Winzerla? Wann wollt ihr kommen? Was "
                "soll es dort geben?</p>"
            ),
            quote(
                "Ein Raum, in dem wir Musik machen können, ohne dass sich gleich jemand beschwert.",
                "Teilnehmerin eines Jugendworkshops, 16 Jahre",
            ),
            call_to_action(
                "Auch in anderen Stadtteilen mitreden",
                "Alle Projekte",
                page="projekte",
            ),
        ],
        "results_intro": "212 Jugendliche haben mitgemacht, 48 in den Workshops und 164 in der "
        "Umfrage. Die Auswertung läuft; die Ergebnisse stellen wir im Jugendparlament vor.",
        "results": [
            h2("Erste Ergebnisse"),
            text(
                "<ul><li>Ein Proberaum für Bands (von 61 % gewünscht),</li>"
                "<li>längere Öffnungszeiten am Freitag und Samstag,</li>"
                "<li>ein Bereich zum Lernen mit WLAN.</li></ul>"
            ),
        ],
    },
    {
        "slug": "baeume-jena-nord",
        "title": "Mehr Bäume für Jena-Nord",
        "teaser": "In Jena-Nord sollen in den nächsten zwei Jahren 150 neue Straßenbäume "
        "wachsen. Wo fehlt Ihnen Schatten? Schlagen Sie jetzt Standorte vor – der "
        "Kommunalservice prüft jeden Vorschlag.",
        "hero_image": "stadtgruen",
        "department": "kommunalservice-jena",
        "topics": ["gruen-und-umwelt", "klimaschutz"],
        "district": "jena-nord",
        "contact": "Jonas Albrecht",
        "phases": [
            inform("Information", (-20, -6), "Stadtteilspaziergang mit dem Kommunalservice."),
            participate(
                "Standorte vorschlagen",
                (-5, 30),
                "Schlagen Sie Standorte für neue Bäume vor.",
            ),
            inform(
                "Prüfung und Pflanzung",
                (31, 150),
                "Leitungen, Gehwegbreiten und Sichtachsen werden geprüft; gepflanzt wird im "
                "Herbst.",
            ),
        ],
        "body": [
            h2("Schatten für heiße Sommer"),
            text(
                "<p>Straßenbäume kühlen, spenden Schatten und halten Regenwasser zurück. In "
                "Jena-Nord gibt es besonders wenige davon. Mit Mitteln aus dem Klimaschutzbudget "
                "pflanzt der Kommunalservice Jena dort 150 neue Bäume.</p>"
            ),
            image("stadtgruen", caption="Mehr Grün für die Straßen in Jena-Nord."),
            faq(
                [
                    (
                        "Kann ich eine Baumpatenschaft übernehmen?",
                        "<p>Ja. Paten gießen ihren Baum in trockenen Sommern. Melden Sie sich "
                        "beim Kommunalservice.</p>",
                    ),
                    (
                        "Warum kann nicht überall ein Baum stehen?",
                        "<p>Unter vielen Gehwegen liegen Leitungen, und Rettungswege müssen "
                        "frei bleiben.</p>",
                    ),
                ]
            ),
            call_to_action(
                "Baumpatenschaft übernehmen",
                "Zur Baumpatenschaft",
                url="https://jena.example.org/baumpatenschaft",
            ),
        ],
    },
    {
        "slug": "kulturentwicklungskonzept-2030",
        "title": "Kulturentwicklungskonzept 2030",
        "teaser": "Welche Kultur braucht Jena? Kulturschaffende und Publikum haben das "
        "Kulturentwicklungskonzept 2030 mitgeschrieben. Der Stadtrat hat es beschlossen – "
        "das sind die Ergebnisse.",
        "hero_image": None,
        "department": "jenakultur",
        "topics": ["kultur"],
        "district": None,
        "contact": "Paul Schneider",
        "phases": [
            participate("Online-Beteiligung", (-520, -460)),
            participate(
                "Kulturforen",
                (-459, -440),
                "Vier Foren zu Theater, Musik, Museen und freier Szene.",
            ),
            inform("Auswertung", (-439, -380)),
            inform("Beschluss im Stadtrat", (-379, -350)),
        ],
        "body": [
            h2("Kultur für alle"),
            text(
                "<p>JenaKultur hat mit Kulturschaffenden, Vereinen und dem Publikum erarbeitet, "
                "wie sich das Kulturleben der Stadt bis 2030 entwickeln soll: mit mehr Räumen für "
                "die freie Szene, Kultur in den Stadtteilen und niedrigeren Hürden für alle, die "
                "wenig Geld haben.</p>"
            ),
            quote(
                "Kultur darf nicht nur in der Innenstadt stattfinden.",
                "Beitrag aus der Online-Beteiligung",
            ),
        ],
        "results_intro": "Über 900 Beiträge sind in das Konzept eingeflossen. Der Stadtrat hat "
        "das Kulturentwicklungskonzept 2030 beschlossen.",
        "results": [
            h2("Die wichtigsten Beschlüsse"),
            text(
                "<ul><li>ein Fonds für Kultur in den Stadtteilen,</li>"
                "<li>ein Kulturpass für Menschen mit geringem Einkommen,</li>"
                "<li>Proberäume in einem ehemaligen Schulgebäude.</li></ul>"
            ),
            call_to_action(
                "Kulturveranstaltungen in Jena",
                "Zum Veranstaltungskalender",
                url="https://jena.example.org/kultur/kalender",
            ),
        ],
    },
]

PROJECT_DEFAULTS = {"hero_image": None, "district": None, "results_intro": "", "results": []}

IMAGE_SIZE = (1600, 900)


@dataclass
class Refs:
    """The objects the data refer to by key, filled in as they are loaded."""

    departments: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    districts: dict = field(default_factory=dict)
    contacts: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)


def load_demo_content(today: date, editor_password: str) -> None:
    """Creates or updates all demo content; call it inside a transaction."""
    refs = Refs()
    load_reference_data(refs)
    load_media(refs)
    site = load_pages(refs, today)
    load_portal_settings(site, refs)
    load_citizens()
    load_editor(editor_password)


# Snippets


def load_reference_data(refs: Refs) -> None:
    load_departments(DEPARTMENTS, refs)
    for name, description in TOPICS:
        topic = upsert_by_slug(Topic, name, description=description)
        refs.topics[topic.slug] = topic
    for name in DISTRICTS:
        district = upsert_by_slug(District, name)
        refs.districts[district.slug] = district
    for data in CONTACTS:
        department = refs.departments[data["department"]]
        contact, _ = ContactPerson.objects.update_or_create(
            name=data["name"], defaults=data | {"department": department}
        )
        refs.contacts[contact.name] = contact


def load_departments(entries: list[dict], refs: Refs, parent: Department | None = None) -> None:
    for entry in entries:
        fields = {"website": "", "parent": parent}
        fields |= {key: value for key, value in entry.items() if key not in ("name", "units")}
        department = upsert_by_slug(Department, entry["name"], **fields)
        refs.departments[department.slug] = department
        load_departments(entry.get("units", []), refs, parent=department)


def upsert_by_slug(model, name: str, **fields):
    instance, _ = model.objects.update_or_create(
        slug=german_slugify(name)[:80], defaults={"name": name, **fields}
    )
    return instance


# Images and documents


def load_media(refs: Refs) -> None:
    for key, data in IMAGES.items():
        refs.images[key] = ensure_image(key, data)
    for key, data in DOCUMENTS.items():
        refs.documents[key] = ensure_document(data)


def ensure_image(key: str, data: dict):
    """Finds the image by title; draws and stores it only if it is missing."""
    image_model = get_image_model()
    picture = image_model.objects.filter(title=data["title"]).first()
    if picture is None:
        content = draw_landscape(key, data)
        picture = image_model(
            title=data["title"],
            file=ImageFile(io.BytesIO(content), name=f"demo-{key}.jpg"),
            file_size=len(content),
            file_hash=hash_filelike(io.BytesIO(content)),
        )
    picture.description = data["description"]
    picture.save()
    return picture


def draw_landscape(key: str, data: dict) -> bytes:
    """Rolling hills under a sky gradient, in the colours the data give."""
    width, height = IMAGE_SIZE
    top, bottom = (PillowImage.new("RGB", IMAGE_SIZE, colour) for colour in data["sky"])
    gradient = PillowImage.linear_gradient("L").resize(IMAGE_SIZE)
    picture = PillowImage.composite(bottom, top, gradient)
    draw = ImageDraw.Draw(picture)
    if data["sun"]:
        colour, x, y = data["sun"]
        radius = height // 10
        x, y = x * width, y * height
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    seed = sum(map(ord, key)) % 10
    for layer, colour in enumerate(data["hills"]):
        draw.polygon(hill_outline(layer, seed), fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def hill_outline(layer: int, seed: int) -> list[tuple[float, float]]:
    width, height = IMAGE_SIZE
    base = height * (0.55 + 0.14 * layer)
    amplitude = height * (0.08 - 0.02 * layer)
    waves = 1.0 + 0.7 * layer
    ridge = [
        (x, base + amplitude * math.sin(2 * math.pi * waves * x / width + seed + 1.7 * layer))
        for x in range(0, width + 16, 16)
    ]
    return [*ridge, (width, height), (0, height)]


def ensure_document(data: dict):
    """Finds the document by title; writes the PDF only if it is missing."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=data["title"]).first()
    if existing:
        return existing
    content = text_pdf(data["title"], data["lines"])
    return document_model.objects.create(
        title=data["title"],
        file=ContentFile(content, name=data["filename"]),
        file_size=len(content),
        file_hash=hash_filelike(io.BytesIO(content)),
    )


def text_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with real text (not a picture of it), so it can be searched and read."""
    commands = ["BT", "/F1 14 Tf", "56 780 Td", f"({pdf_string(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        commands += ["0 -18 Td", f"({pdf_string(line)}) Tj"]
    stream = "\n".join([*commands, "ET"]).encode("cp1252")
    title_utf16 = ("\ufeff" + title).encode("utf-16-be").hex().upper().encode()
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Lang (de-DE) >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
            b"<< /Title <%s> >>" % title_utf16,
        ]
    )


def pdf_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_file(objects: list[bytes]) -> bytes:
    """Numbers the objects from 1 and adds the cross-reference table; the last one is /Info."""
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_offset = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    output += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(output)


# Pages


def load_pages(refs: Refs, today: date) -> Site:
    root = Page.get_first_root_node()
    home = find_child(root, HomePage, HOME["slug"])
    if home.pk is None:
        # A bare start page first: the site must point at it before the welcome
        # page can go, and its body links to pages that do not exist yet.
        home.title, home.intro = HOME["title"], HOME["intro"]
        root.add_child(instance=home)
    site = point_default_site_at(home)
    remove_welcome_page()
    refs.pages["projekte"] = upsert_page(home, ProjectIndexPage, PROJECT_INDEX, refs)
    for data in standard_pages(today):
        refs.pages[data["slug"]] = upsert_page(home, StandardPage, data, refs)
    for data in PROJECTS:
        load_project(refs.pages["projekte"], data, refs, today)
    publish(root, home, page_fields(HOME, refs))
    return site


def find_child(parent: Page, page_class: type[Page], slug: str) -> Page:
    """The existing child with this slug, or a new unsaved page."""
    return page_class.objects.child_of(parent).filter(slug=slug).first() or page_class(slug=slug)


def upsert_page(parent: Page, page_class: type[Page], data: dict, refs: Refs) -> Page:
    page = find_child(parent, page_class, data["slug"])
    return publish(parent, page, page_fields(data, refs))


def publish(parent: Page, page: Page, fields: dict) -> Page:
    for name, value in fields.items():
        setattr(page, name, value)
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_project(index: ProjectIndexPage, data: dict, refs: Refs, today: date) -> Page:
    page = find_child(index, ProjectPage, data["slug"])
    fields = page_fields(PROJECT_DEFAULTS | data, refs)
    hero_image = fields["hero_image"]
    fields["hero_image_alt"] = hero_image.description if hero_image else ""
    fields["phases"] = dated_phases(page, data["phases"], today)
    return publish(index, page, fields)


PAGE_REFERENCES = {
    "hero_image": "images",
    "department": "departments",
    "district": "districts",
    "contact": "contacts",
}


def page_fields(data: dict, refs: Refs) -> dict:
    """The data's field values with keys replaced by the objects they name."""
    fields = {name: value for name, value in data.items() if name != "phases"}
    for name, registry in PAGE_REFERENCES.items():
        if fields.get(name):
            fields[name] = getattr(refs, registry)[fields[name]]
    if "topics" in fields:
        fields["topics"] = [refs.topics[slug] for slug in fields["topics"]]
    for name in ("body", "results"):
        if name in fields:
            fields[name] = resolve_stream(fields[name], refs)
    return fields


def resolve_stream(blocks: list[tuple], refs: Refs) -> list[tuple]:
    return [(block_type, resolve_block(block_type, value, refs)) for block_type, value in blocks]


def resolve_block(block_type: str, value, refs: Refs):
    if block_type == "image":
        # A copy per block: the image block keeps its alt text on the image object.
        picture = copy.copy(refs.images[value["image"]])
        alt_text = value["alt"] or picture.description
        return {
            "image": {"image": picture, "alt_text": alt_text, "decorative": False},
            "caption": value["caption"],
            "credit": value["credit"],
        }
    if block_type == "document":
        return value | {"document": refs.documents[value["document"]]}
    if block_type == "call_to_action" and value["page"]:
        return value | {"page": refs.pages[value["page"]]}
    return value


def dated_phases(page: ProjectPage, phases: list[dict], today: date) -> list[ProjectPhase]:
    """Phases dated from today, reusing the page's existing phases by title."""
    existing = {phase.title: phase for phase in page.phases.all()}
    dated = []
    for order, data in enumerate(phases):
        phase = existing.get(data["title"]) or ProjectPhase(title=data["title"])
        phase.description = data["description"]
        phase.allows_participation = data["allows_participation"]
        phase.start_date = today + timedelta(days=data["start"])
        phase.end_date = today + timedelta(days=data["end"])
        phase.sort_order = order
        dated.append(phase)
    check_phase_order(page, dated)
    return dated


def check_phase_order(page: ProjectPage, phases: list[ProjectPhase]) -> None:
    """The admin form rejects bad phases; demo data bypass the form, so check the same rules."""
    for phase in phases:
        phase.clean()
    if overlapping := overlapping_phases(phases):
        raise ValueError(f"Phases of {page.slug!r} overlap: {overlapping}")


def point_default_site_at(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="127.0.0.1", port=8000, is_default_site=True)
    site.root_page = home
    site.site_name = SITE_NAME
    site.save()
    return site


def remove_welcome_page() -> None:
    """Deletes the placeholder page Wagtail's installation puts at the top of the tree."""
    welcome = (
        Page.objects.exact_type(Page)
        .filter(depth=2, slug="home", numchild=0, sites_rooted_here=None)
        .first()
    )
    if welcome:
        welcome.delete()


def load_portal_settings(site: Site, refs: Refs) -> None:
    portal_settings = PortalSettings.for_site(site)
    portal_settings.operator_name = "Stadt Jena"
    portal_settings.contact_email = PORTAL_CONTACT_EMAIL
    portal_settings.imprint_page = refs.pages[IMPRINT["slug"]]
    portal_settings.privacy_page = refs.pages[PRIVACY["slug"]]
    portal_settings.terms_page = refs.pages[TERMS["slug"]]
    portal_settings.accessibility_page = refs.pages[ACCESSIBILITY["slug"]]
    portal_settings.save()


# Users


def load_citizens() -> None:
    """Citizens with verified addresses and no usable password: they are for show."""
    user_model = get_user_model()
    for email, display_name in CITIZENS:
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            # Like accounts.adapter: nothing of the address leaks into the username.
            user = user_model(email=email, username=f"user-{secrets.token_hex(6)}")
            user.set_unusable_password()
        user.display_name = display_name
        save_with_verified_email(user)


def load_editor(password: str) -> None:
    user_model = get_user_model()
    editor = user_model.objects.filter(username=EDITOR["username"]).first() or user_model()
    for name, value in EDITOR.items():
        setattr(editor, name, value)
    editor.is_staff = editor.is_superuser = True
    editor.set_password(password)
    save_with_verified_email(editor)


def save_with_verified_email(user) -> None:
    user.full_clean()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
