"""The discussion's hosts: the page a thread is shown on, for the forms and the API.

A page's own thread is shown by the page. A subject (a ``DiscussionTarget``
that is not a page) is shown by its app's view, which comments cannot
import: the app registers its kind here in its ``ready()``
(``register_subject``), with how to load a visible subject for a request
and how to render its page. The forms post ``subject`` = "<kind>:<id>" next to
``page``; the API reads ``/api/v1/comments/subjects/<kind>/<id>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from participation.refusals import NotFound
from web.host_pages import live_host_page, redirect_to_host, render_host_page


@dataclass(frozen=True)
class SubjectKind:
    """How the web edge finds and shows one kind of subject.

    ``load(request, pk)`` returns the subject if the visitor may see it and
    raises ``participation.refusals.NotFound`` otherwise; ``render(request,
    subject)`` answers the subject's page as a GET would (it picks up
    ``request.portal_form_state`` like a page does).
    """

    name: str
    model: type
    load: Callable
    render: Callable[..., HttpResponse]


_KINDS: dict[str, SubjectKind] = {}


def register_subject(name: str, model: type, *, load, render) -> None:
    _KINDS[name] = SubjectKind(name, model, load, render)


def kind_named(name: str) -> SubjectKind | None:
    return _KINDS.get(name)


def kind_of_type(subject_type_id: int) -> SubjectKind | None:
    model = ContentType.objects.get_for_id(subject_type_id).model_class()
    return next((kind for kind in _KINDS.values() if kind.model is model), None)


def kind_of(subject) -> SubjectKind | None:
    return next((kind for kind in _KINDS.values() if isinstance(subject, kind.model)), None)


def reference(target) -> str:
    """The form value naming a subject target ("proposal:7"); '' for a page."""
    kind = kind_of(target) if getattr(target, "discussion_is_subject", False) else None
    return f"{kind.name}:{target.pk}" if kind else ""


def load_subject(request, name: str, pk):
    """The visible subject of kind ``name`` (a ``NotFound`` refusal otherwise)."""
    kind = kind_named(name)
    try:
        pk = int(pk)
    except (TypeError, ValueError, OverflowError):
        kind = None
    if kind is None:
        raise NotFound(_("There is no discussion here."), code="subject_not_found")
    return kind.load(request, pk)


def load_subject_of(request, comment):
    """The visible subject ``comment`` is about (``NotFound`` for a hidden one)."""
    kind = kind_of_type(comment.subject_type_id)
    if kind is None:
        raise NotFound(_("This comment does not exist."), code="comment_not_found")
    return kind.load(request, comment.subject_id)


class Host:
    """Where a form of the discussion came from and goes back to: a page or a subject's page."""

    def __init__(self, target, page=None, kind: SubjectKind | None = None):
        self.target = target
        self.page = page
        self.kind = kind

    def render(self, request, status: int, **form_state) -> HttpResponse:
        if self.kind is None:
            return render_host_page(request, self.page, status, **form_state)
        request.portal_form_state = {**getattr(request, "portal_form_state", {}), **form_state}
        response = self.kind.render(request, self.target)
        response.status_code = status
        return response

    def redirect(self, request, fragment: str = ""):
        if self.kind is None:
            return redirect_to_host(request, self.page, fragment)
        url = self.target.get_url(request=request) or "/"
        return redirect(f"{url}#{fragment}" if fragment else url)


def host_from_post(request) -> Host:
    """The host the form names (``page``, and ``subject`` for a subject's thread); else 404."""
    reference_value = request.POST.get("subject", "")
    if not reference_value:
        page = live_host_page(request, request.POST.get("page"))
        return Host(page, page=page)
    name, _sep, pk = reference_value.partition(":")
    try:
        subject = load_subject(request, name, pk)
    except NotFound as missing:
        raise Http404("Unknown subject") from missing
    return Host(subject, kind=kind_named(name))
