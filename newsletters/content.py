"""What a newsletter's blocks show, as of one day, on every surface (mail, preview, archive).

Project teasers and the phase dates come only from live projects without a
view restriction: a newsletter goes to everyone on its list, and the archive
is public, so a project that was restricted or unpublished after sending
drops out of the archived page too. The upcoming dates are computed from the
day of sending (``as_of``), so a mail sent later by a retry and the archived
page show the same dates.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from notifications.mails import absolute
from pages.models import ProjectPage, ProjectPhase

MAX_PHASE_DATES = 20


@dataclass(frozen=True)
class DateItem:
    day: date
    title: str
    link: str


@dataclass(frozen=True)
class Section:
    """One block, prepared: ``kind`` is text, project or dates."""

    kind: str
    html: str = ""
    text: str = ""
    title: str = ""
    teaser: str = ""
    link: str = ""
    heading: str = ""
    dates: tuple[DateItem, ...] = ()


def public_projects():
    return ProjectPage.objects.live().public()


def as_of(newsletter) -> date:
    moment = newsletter.sent_at or timezone.now()
    return timezone.localdate(moment)


def phase_dates(today: date, weeks: int) -> list[DateItem]:
    if weeks <= 0:
        return []
    until = today + timedelta(weeks=weeks)
    phases = (
        ProjectPhase.objects.filter(page__in=public_projects())
        .filter(start_date__range=(today, until))
        .select_related("page")
        .order_by("start_date", "pk")[:MAX_PHASE_DATES]
    )
    return [
        DateItem(
            phase.start_date,
            f"{phase.page.title}: {phase.title}",
            absolute(phase.page.url or ""),
        )
        for phase in phases
    ]


BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
LINK = re.compile(r'href="/')


def absolute_links(markup: str) -> str:
    return LINK.sub(f'href="{absolute("/")}', markup)


def plain_text(markup: str) -> str:
    """Rich text as plain text: one paragraph, heading or list item per line."""
    markup = re.sub(r"<li[^>]*>", "- ", markup, flags=re.IGNORECASE)
    text = html.unescape(strip_tags(BLOCK_END.sub("\n\n", markup)))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def sections(newsletter) -> list[Section]:
    """The newsletter's blocks as shown on the day of sending (or today, before it is sent)."""
    today = as_of(newsletter)
    project_ids = [
        block.value["project"].pk
        for block in newsletter.body
        if block.block_type == "project" and block.value["project"] is not None
    ]
    visible = {page.pk: page for page in public_projects().filter(pk__in=project_ids)}
    prepared = []
    for block in newsletter.body:
        if block.block_type == "text":
            markup = absolute_links(expand_db_html(block.value.source))
            prepared.append(Section("text", html=markup, text=plain_text(markup)))
        elif block.block_type == "project":
            chosen = block.value["project"]
            page = visible.get(chosen.pk) if chosen is not None else None
            if page is not None:
                prepared.append(
                    Section(
                        "project",
                        title=page.title,
                        teaser=page.teaser,
                        link=absolute(page.url or ""),
                    )
                )
        elif block.block_type == "dates":
            items = phase_dates(today, block.value["weeks"] or 0) + [
                DateItem(entry["date"], entry["title"], entry["link"] or "")
                for entry in block.value["entries"]
                if entry["date"] >= today
            ]
            items.sort(key=lambda item: item.day)
            if items:
                prepared.append(
                    Section("dates", heading=block.value["heading"], dates=tuple(items))
                )
    return prepared
