"""What the automated accessibility audit covers: the one list the tests and the statement share.

The browser audit (tests/browser/test_accessibility_audit.py) runs axe-core
and the extra checks on every entry of ``AUDITED_PAGES``; the journeys in
tests/browser/ are marked with the keys of ``JOURNEYS``; the accessibility
statement of the demo content (demo/data/accessibility.yaml) lists the
same entries. tests/accessibility/test_statement_coverage.py fails when a
key has no test or a test no key, or when the statement lists other
entries, so the statement cannot claim more than is tested.
"""

# German typography (en dashes, quotation marks) on purpose.
# ruff: noqa: RUF001

from dataclasses import dataclass

# The vendored axe-core (tests/browser/vendor/axe.min.js) and the rule tags it runs.
AXE_CORE_VERSION = "4.14.1"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class Covered:
    key: str
    label: str  # German, as the statement shows it


AUDITED_PAGES = (
    Covered("start", "Startseite"),
    Covered("start_english", "Startseite in englischer Sprache"),
    Covered("project_list", "Projektübersicht mit Filtern"),
    Covered("project_list_filter_error", "Projektübersicht mit einer Fehlermeldung im Filter"),
    Covered("project_list_map", "Projektübersicht mit geladener Stadtteilkarte (nach Zustimmung)"),
    Covered("project_open_poll", "Projektseite mit laufender Umfrage und Diskussion"),
    Covered("project_closed_poll", "Projektseite mit beendeter Umfrage und ihren Ergebnissen"),
    Covered("start_second_theme", "Startseite im zweiten Erscheinungsbild (Farben, Schrift, Logo)"),
    Covered("project_second_theme", "Projektseite mit Umfrage im zweiten Erscheinungsbild"),
    Covered("project_phone_menu", "Projektseite am Smartphone mit geöffnetem Menü"),
    Covered("poll_error", "Umfrage mit Fehlermeldung (abgeschickt ohne Antwort)"),
    Covered("comment_error", "Diskussion mit Fehlermeldung (leerer Kommentar)"),
    Covered("comment_reply", "Diskussion mit geöffnetem Antwortformular"),
    Covered("vorhabenliste", "Vorhabenliste (geplante Beteiligung) mit Filtern"),
    Covered("vorhaben_anregung_error", "Anregung zur Vorhabenliste mit Fehlermeldung"),
    Covered("idea_collection", "Ideensammlung mit Filtern und Vorschlägen"),
    Covered("idea_collection_map", "Ideensammlung mit geladener Karte (nach Zustimmung)"),
    Covered("proposal", "Ein Vorschlag mit Unterstützungen und offizieller Antwort"),
    Covered("proposal_submit_error", "Vorschlag einreichen mit Fehlermeldungen"),
    Covered("proposal_submit_map", "Vorschlag einreichen mit geladener Karte zur Ortswahl"),
    Covered("newsletter_archive", "Newsletter-Archiv"),
    Covered("newsletter", "Ein Newsletter im Archiv (mit Projekten und Terminen)"),
    Covered("search_results", "Suchergebnisse mit hervorgehobenen Fundstellen"),
    Covered("search_corrected", "Suche mit „Meinten Sie“ und Treffern, denen ein Wort fehlt"),
    Covered("search_error", "Suche mit Fehlermeldung (zu lange Suchanfrage)"),
    Covered("signup", "Registrierung"),
    Covered("signup_error", "Registrierung mit Fehlermeldungen"),
    Covered("login", "Anmeldung"),
    Covered("login_error", "Anmeldung mit Fehlermeldung"),
    Covered("profile", "Profil (Anzeigename ändern)"),
    Covered("my_data", "Meine Daten (alles, was das Portal über das eigene Konto gespeichert hat)"),
    Covered("two_factor", "Zwei-Faktor-Anmeldung (Einstellungen)"),
    Covered("notification_centre", "Benachrichtigungen (mit ungelesenen Einträgen)"),
    Covered("notification_settings", "Einstellungen der Benachrichtigungen"),
    Covered("following", "Was ich verfolge"),
    Covered("follow_confirm", "Bestätigung, einem Projekt per E-Mail zu folgen"),
    Covered("standard_page", "Inhaltsseite (Impressum)"),
    Covered("report", "Beteiligungsbericht mit Kennzahlen (Diagramme und Tabellen)"),
    Covered("accessibility_statement", "Diese Erklärung zur Barrierefreiheit"),
    Covered(
        "admin_poll_results",
        "Redaktion: Ergebnisse einer Umfrage (Diagramme, Tabellen und Export)",
    ),
    Covered("admin_comment_queue", "Redaktion: Moderation der Kommentare (Warteschlange)"),
    Covered("admin_figures", "Redaktion: Auswertung mit Kennzahlen (Diagramme und Tabellen)"),
    Covered("not_found", "Fehlerseite „Seite nicht gefunden“"),
    Covered("server_error", "Fehlerseite „Technischer Fehler“"),
)

# Checked on every audited page beside axe-core (tests/browser/checks.py),
# plus the contrast of the theme's colours (tests/pages/test_palette.py).
EXTRA_CHECKS = (
    Covered("language", "Die Sprache jeder Seite ist im Code angegeben."),
    Covered(
        "headings",
        "Jede Seite hat genau eine Hauptüberschrift; keine Überschriftenebene wird übersprungen.",
    ),
    Covered(
        "images",
        "Jedes Bild hat einen Alternativtext; ein leerer nur bei rein dekorativen Bildern.",
    ),
    Covered(
        "errors_announced",
        "Jede Fehlermeldung wird von Screenreadern angesagt (als Hinweis mit role=„alert“ "
        "oder in einem Live-Bereich) und die Eingaben bleiben erhalten.",
    ),
    Covered(
        "focus_visible",
        "Jedes Element, das sich mit der Tabulatortaste erreichen lässt, zeigt einen sichtbaren "
        "Fokus und liegt dabei im sichtbaren Bereich; ebenso bei jedem Schritt der "
        "Tastatur-Nutzerwege.",
    ),
    Covered(
        "reflow",
        "Bei 320 Pixel Breite (so breit wie bei 400 % Vergrößerung) ist jede Seite ohne "
        "waagerechtes Scrollen lesbar.",
    ),
    Covered(
        "palette_contrast",
        "Alle Farbpaare des Farbschemas erreichen die Kontrastverhältnisse der WCAG 2.1 AA "
        "(4,5:1 für Text, 3:1 für Bedienelemente und Fokusrahmen).",
    ),
)

# The citizen journeys played through in Chromium (marked @pytest.mark.journey(key)).
JOURNEYS = (
    Covered("find_project", "Ein Projekt über die Startseite und die Filter der Übersicht finden"),
    Covered("read_project", "Den redaktionellen Text und den Zeitplan eines Projekts lesen"),
    Covered("vote_anonymously", "Ohne Konto an einer Umfrage teilnehmen und die Ergebnisse sehen"),
    Covered(
        "account_and_discussion",
        "Registrieren, die E-Mail-Adresse bestätigen, anmelden, kommentieren, antworten, "
        "einen Kommentar unterstützen und melden",
    ),
    Covered("search", "Auf Deutsch suchen und einen hervorgehobenen Treffer öffnen"),
    Covered("switch_language", "Die Sprache wechseln (Deutsch, Englisch)"),
    Covered("keyboard_vote", "Nur mit der Tastatur abstimmen"),
    Covered("keyboard_comment", "Nur mit der Tastatur einen Kommentar schreiben"),
    Covered(
        "keyboard_proposal",
        "Nur mit der Tastatur einen Vorschlag einreichen und einen anderen unterstützen",
    ),
    Covered(
        "proposal_without_js",
        "Ohne JavaScript einen Vorschlag einreichen, ihn unterstützen und die Unterstützung "
        "zurücknehmen",
    ),
    Covered(
        "follow_answer",
        "Einem Projekt folgen und die offizielle Antwort auf einen Vorschlag in den "
        "Benachrichtigungen finden",
    ),
    Covered(
        "keyboard_proposal_map",
        "Nur mit der Tastatur die Karte laden, den Ort eines Vorschlags mit den Pfeiltasten "
        "wählen und ihn einreichen",
    ),
    Covered(
        "mobile",
        "Am Smartphone (390 Pixel breit) das Menü mit der Tastatur und ohne JavaScript öffnen und "
        "schließen, einem Link folgen und von der Projektseite zur Diskussion springen",
    ),
    Covered(
        "error_paths",
        "Fehlerfälle: leerer Kommentar, Abstimmung ohne Auswahl, beendete Umfrage, zu lange "
        "Suchanfrage – jeweils mit angesagter Meldung und erhaltener Eingabe",
    ),
)

# What the automated tests do not show; the statement says so.
NOT_COVERED = (
    "Inhalte, die die Redaktion selbst einstellt: die Tests prüfen die Seitentypen mit den "
    "Beispielinhalten der Demo-Installation",
    "die Bedienung mit Screenreadern und anderen assistiven Technologien durch Menschen, die "
    "sie täglich nutzen",
    "die Verständlichkeit der Texte",
    "hochgeladene Dokumente (PDF) und Videos anderer Anbieter",
    "andere Browser als Chromium sowie vergrößerte Schrift und Abstände",
)


def keys(entries) -> list[str]:
    return [entry.key for entry in entries]
