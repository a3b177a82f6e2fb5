"""What a follow points at: ``(FollowTarget, id)`` resolved to its object, label and address.

A project is a live ``ProjectPage`` the viewer may see under the portal's one
rule (``participation.page_access``: live, in the viewer's site, every view
restriction passed); a restricted, unpublished or practice-area project
(served by no site) resolves to nothing, exactly like an unknown id, so a
refusal never confirms that something is hidden. Departments, topics and
districts are public reference data; their address is the project list
filtered by them. The newsletter list has the one id 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from departments.models import Department
from notifications.models import FollowTarget
from pages.models import District, ProjectIndexPage, ProjectPage, Topic
from participation.page_access import PageAccess

NEWSLETTER_ID = 0
NEWSLETTER_PATH = "/newsletter/"
# Which kinds a visitor without an account may follow by e-mail.
EMAIL_KINDS = frozenset({FollowTarget.PROJECT, FollowTarget.NEWSLETTER})
REFERENCE_MODELS = {
    FollowTarget.DEPARTMENT: Department,
    FollowTarget.TOPIC: Topic,
    FollowTarget.DISTRICT: District,
}


@dataclass(frozen=True)
class Target:
    kind: str
    id: int
    obj: object | None
    label: str
    url: str

    @property
    def kind_label(self) -> str:
        return str(FollowTarget(self.kind).label)


def parse_kind(kind: str) -> str | None:
    """The ``FollowTarget`` value of ``kind``, or None for anything else."""
    return kind if kind in FollowTarget.values else None


def project_index_url(access: PageAccess) -> str:
    indexes = ProjectIndexPage.objects.live().order_by("path")
    if access.site_root_path is not None:
        indexes = indexes.filter(path__startswith=access.site_root_path)
    index = indexes.first()
    return (index.url if index is not None else None) or "/"


def filtered_list_url(access: PageAccess, kind: str, obj) -> str:
    return f"{project_index_url(access)}?{urlencode({kind: obj.slug})}"


def newsletter_target() -> Target:
    return Target(FollowTarget.NEWSLETTER, NEWSLETTER_ID, None, _("Newsletter"), NEWSLETTER_PATH)


def visible_project(access: PageAccess, target_id: int) -> ProjectPage | None:
    page = ProjectPage.objects.live().filter(pk=target_id).first()
    return page if page is not None and access.may_view(page) else None


def resolve(access: PageAccess, kind: str, target_id: int) -> Target | None:
    """The target, if it exists and ``access`` may see it; None for anything else."""
    if parse_kind(kind) is None or not 0 <= target_id < 2**63:
        return None
    if kind == FollowTarget.NEWSLETTER:
        return newsletter_target() if target_id == NEWSLETTER_ID else None
    if kind == FollowTarget.PROJECT:
        page = visible_project(access, target_id)
        if page is None:
            return None
        return Target(kind, page.pk, page, page.title, page.url or "/")
    obj = REFERENCE_MODELS[kind].objects.filter(pk=target_id).first()
    if obj is None:
        return None
    return Target(kind, obj.pk, obj, obj.name, filtered_list_url(access, kind, obj))


def resolve_many(access: PageAccess, pairs: Iterable[tuple[str, int]]) -> dict:
    """``{(kind, id): Target}`` for the visible ones among ``pairs``: one or two queries a kind."""
    pairs = list(pairs)
    found: dict[tuple[str, int], Target] = {}
    project_ids = [target_id for kind, target_id in pairs if kind == FollowTarget.PROJECT]
    if project_ids:
        pages = ProjectPage.objects.live().filter(pk__in=project_ids).order_by("pk")
        for page in access.visible(pages):
            found[(FollowTarget.PROJECT, page.pk)] = Target(
                FollowTarget.PROJECT, page.pk, page, page.title, page.url or "/"
            )
    list_url = None
    for kind, model in REFERENCE_MODELS.items():
        ids = [target_id for pair_kind, target_id in pairs if pair_kind == kind]
        if not ids:
            continue
        list_url = list_url or project_index_url(access)
        for obj in model.objects.filter(pk__in=ids):
            url = f"{list_url}?{urlencode({kind: obj.slug})}"
            found[(kind, obj.pk)] = Target(kind, obj.pk, obj, obj.name, url)
    if (FollowTarget.NEWSLETTER, NEWSLETTER_ID) in pairs:
        found[(FollowTarget.NEWSLETTER, NEWSLETTER_ID)] = newsletter_target()
    return found
