"""Background purges (the worker runs them; tests run them at once)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

from frontcache import purging
from polls.models import PollPlacement


@task()
def purge_urls(urls: list[str]) -> None:
    purge_urls_from_cache_task.call(urls)


@task()
def ban_prefixes(urls: list[str]) -> None:
    """Each URL's path and everything under it; backends without BAN purge the URLs only."""
    for backend in get_backends().values():
        for url in urls:
            if hasattr(backend, "ban_prefix"):
                backend.ban_prefix(url)
            else:
                backend.purge(url)


def _poll_addresses(poll_id: str):
    page_ids = PollPlacement.objects.filter(poll_id=int(poll_id)).values("page_id")
    addresses = []
    for page in Page.objects.live().filter(pk__in=page_ids):
        addresses += purging.page_addresses(page)
    return addresses


def _page_addresses(page_id: str):
    page = Page.objects.filter(pk=int(page_id)).first()
    return purging.page_addresses(page) if page is not None else []


def _subject_addresses(ident: str):
    type_id, object_id = (int(part) for part in ident.split(":"))
    model = ContentType.objects.get_for_id(type_id).model_class()
    subject = model._default_manager.filter(pk=object_id).first() if model else None
    url = subject.get_url() if subject is not None and hasattr(subject, "get_url") else None
    return [(purging.base_url() + url, url)] if url else []


RESOLVERS = {"poll": _poll_addresses, "page": _page_addresses, "subject": _subject_addresses}


@task()
def refresh(kind: str, ident: str) -> None:
    """Forgets what a target is shown on; run at once and again at the end of the window."""
    purging.forget(RESOLVERS[kind](ident), queue=False)
