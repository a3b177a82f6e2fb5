"""Demo polls: an open public poll with ballots, a closed one with results, a staff pre-vote.

Called by ``manage.py load_demo_content`` after the pages exist. Dates are
relative to now, so the open poll stays open whenever the demo is loaded;
ballots are cast through the real service, by demo browsers.
"""

from datetime import timedelta

from django.utils import timezone

from participation.participants import Participant, TokenState
from polls.models import Choice, Poll, Question
from polls.services import cast_ballot
from polls.validation import AnswerInput

OPEN_POLL = {
    "title": "Wo fehlen sichere Radwege?",
    "description": "Ihre Antworten fließen in die Bestandsanalyse des Radverkehrskonzepts ein.",
    "audience": "public",
    "results_visibility": "live",
    "allow_ballot_change": True,
    "publish_free_text": True,
    "days": (-6, 21),
    "questions": [
        (
            "single",
            "Wie oft fahren Sie in der Innenstadt Rad?",
            ["Täglich", "Wöchentlich", "Selten", "Nie"],
        ),
        (
            "multiple",
            "Welche Strecken sind am dringendsten?",
            ["Löbderstraße", "Saalbahnhofstraße", "Am Anger", "Leutragraben"],
        ),
        ("rating", "Wie sicher fühlen Sie sich auf dem Rad in der Innenstadt?", []),
        ("text", "Was sollen wir außerdem wissen?", []),
    ],
}
CLOSED_POLL = {
    "title": "Was soll der Holzmarkt künftig bieten?",
    "description": "Die Umfrage ist beendet; die Ergebnisse sind in den Entwurf eingeflossen.",
    "audience": "public",
    "results_visibility": "after_close",
    "allow_ballot_change": False,
    "publish_free_text": False,
    "days": (-120, -90),
    "questions": [
        (
            "single",
            "Mehr Grün oder mehr Platz für Märkte?",
            ["Mehr Grün", "Mehr Platz für Märkte", "Beides ausgewogen"],
        ),
        (
            "multiple",
            "Was fehlt Ihnen am meisten?",
            ["Schatten", "Sitzbänke", "Wasser", "Spielgeräte"],
        ),
    ],
}
STAFF_POLL = {
    "title": "Vorabstimmung: Anwendungsfälle für den Workshop",
    "description": "Interne Vorabstimmung der Fachbereiche; nur für Mitarbeitende sichtbar.",
    "audience": "staff",
    "results_visibility": "after_close",
    "allow_ballot_change": True,
    "publish_free_text": False,
    "days": (-1, 7),
    "questions": [
        (
            "multiple",
            "Welche Anwendungsfälle sollen wir vertiefen?",
            ["Bürgerbüro online", "Baustellen-Info", "Mängelmelder"],
        ),
    ],
}
FREE_TEXTS = ["Ampel an der Kreuzung Am Anger ist zu kurz grün.", "Mehr Abstellbügel am Markt!", ""]


def load_demo_polls() -> None:
    from pages.models import ProjectPage

    pages = {page.slug: page for page in ProjectPage.objects.all()}
    now = timezone.now()
    open_poll = upsert_poll(OPEN_POLL, now)
    closed_poll = upsert_poll(CLOSED_POLL, now)
    staff_poll = upsert_poll(STAFF_POLL, now)
    # Embedded first: citizens vote in a poll through the page that shows it.
    embed(pages["radverkehrskonzept-innenstadt"], open_poll, staff_poll)
    embed(pages["umgestaltung-holzmarkt"], closed_poll)
    cast_demo_ballots(open_poll, 24)
    if not closed_poll.ballots.exists():
        # Ballots can only be cast while a poll is open: open it briefly in the past.
        with_poll_open(closed_poll, lambda: cast_demo_ballots(closed_poll, 37))


def upsert_poll(data: dict, now) -> Poll:
    opens, closes = data["days"]
    fields = {
        key: data[key]
        for key in (
            "description",
            "audience",
            "results_visibility",
            "allow_ballot_change",
            "publish_free_text",
        )
    }
    poll, _created = Poll.objects.update_or_create(
        title=data["title"],
        defaults={
            **fields,
            "opens_at": now + timedelta(days=opens),
            "closes_at": now + timedelta(days=closes),
        },
    )
    if not poll.questions.exists():
        for position, (kind, text, choices) in enumerate(data["questions"]):
            question = Question.objects.create(
                poll=poll,
                kind=kind,
                text=text,
                sort_order=position,
                required=kind != "text",
                **question_settings(kind, len(choices)),
            )
            for order, label in enumerate(choices):
                Choice.objects.create(question=question, label=label, sort_order=order)
    return poll


def question_settings(kind: str, choices: int) -> dict:
    if kind == "multiple":
        return {"min_choices": 1, "max_choices": min(2, choices)}
    if kind == "rating":
        return {
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label": "unsicher",
            "scale_max_label": "sehr sicher",
        }
    if kind == "text":
        return {"max_length": 500}
    return {}


def cast_demo_ballots(poll: Poll, count: int) -> None:
    if poll.ballots.exists():
        return
    questions = list(poll.questions.prefetch_related("choices"))
    for number in range(count):
        participant = Participant(
            user=None,
            anonymous_token=f"demo-{poll.pk}-{number}",
            token_state=TokenState.VALID,
            ip_hash=f"demo-{number % 5}",
        )
        cast_ballot(poll, participant, demo_answers(questions, number))


def demo_answers(questions, number: int) -> list[AnswerInput]:
    answers = []
    for question in questions:
        choices = [choice.pk for choice in question.choices.all()]
        if question.kind == "single":
            answers.append(
                AnswerInput(question=question.pk, choices=[choices[(number * 7) % len(choices)]])
            )
        elif question.kind == "multiple":
            picked = {choices[number % len(choices)], choices[(number * 3 + 1) % len(choices)]}
            answers.append(
                AnswerInput(question=question.pk, choices=sorted(picked)[: question.max_choices])
            )
        elif question.kind == "rating":
            answers.append(AnswerInput(question=question.pk, rating=1 + (number * 5 + 2) % 5))
        elif question.kind == "text" and FREE_TEXTS[number % len(FREE_TEXTS)]:
            answers.append(
                AnswerInput(question=question.pk, text=FREE_TEXTS[number % len(FREE_TEXTS)])
            )
    return answers


def with_poll_open(poll: Poll, action) -> None:
    # save(), not QuerySet.update(): the signal drops the poll's cached copy,
    # which would otherwise stay open for voters after the dates are restored.
    real_opens, real_closes = poll.opens_at, poll.closes_at
    now = timezone.now()
    poll.opens_at, poll.closes_at = now - timedelta(days=1), now + timedelta(days=1)
    poll.save(update_fields=["opens_at", "closes_at"])
    action()
    poll.opens_at, poll.closes_at = real_opens, real_closes
    poll.save(update_fields=["opens_at", "closes_at"])


def embed(page, *polls) -> None:
    page = page.specific
    present = {block.value["poll"].pk for block in page.body if block.block_type == "poll"}
    missing = [poll for poll in polls if poll.pk not in present]
    if missing:
        for poll in missing:
            page.body.append(("poll", {"poll": poll}))
        page.save_revision().publish()
