"""Small helpers shared by the comments tests."""

import datetime
import json

from django.test import Client
from django.utils import timezone

from tests.factories import ProjectPageFactory, ProjectPhaseFactory, UserFactory


def open_project(parent, **kwargs):
    """A project whose participation phase runs today."""
    page = ProjectPageFactory(parent=parent, **kwargs)
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        title="Online-Dialog",
        start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=10),
    )
    return page


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def api(client, method, url, data=None, **kwargs):
    """A JSON API call; returns (status, body)."""
    call = getattr(client, method)
    if data is not None:
        kwargs.setdefault("content_type", "application/json")
        response = call(url, data=json.dumps(data), **kwargs)
    else:
        response = call(url, **kwargs)
    body = json.loads(response.content) if response.content else None
    return response, body


def thread_url(page, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/comments/pages/{page.pk}" + (f"?{query}" if query else "")


def make_moderator():
    """Staff with admin access and the moderation permission, not a superuser."""
    from django.contrib.auth.models import Group, Permission

    user = UserFactory(display_name="Team Dialog", is_staff=False)
    group, _created = Group.objects.get_or_create(name="Moderation")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="moderate_comment", content_type__app_label="comments"),
    )
    user.groups.add(group)
    return user
