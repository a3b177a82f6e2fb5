"""Wagtail's password forms for restricted pages and documents are rate-limited.

Per network and per restriction, in the shared cache; over the limit the
form comes back with a German message and status 429, and not even the
right password unlocks the page.
"""

import pytest
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils import wagtail_factories

from tests.factories import StandardPageFactory

PASSWORD = "stadtrat-2026"


def rate_amount(settings, scope: str) -> int:
    return int(settings.PORTAL_RATE_LIMITS[scope].split("/")[0])


@pytest.fixture
def protected_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Interne Unterlagen", slug="intern")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def try_page_password(page, restriction, password, network="127.0.0.1"):
    client = Client(REMOTE_ADDR=network)
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    response = client.post(url, {"password": password, "return_url": page.url})
    return client, response


def test_the_right_password_opens_the_page(protected_page):
    page, restriction = protected_page
    client, response = try_page_password(page, restriction, PASSWORD)
    assert response.status_code == 302
    assert client.get(page.url).status_code == 200


def test_wrong_passwords_from_one_network_are_limited(protected_page, settings):
    page, restriction = protected_page
    for _attempt in range(rate_amount(settings, "restriction_password_per_ip")):
        _client, response = try_page_password(page, restriction, "geraten")
        assert response.status_code == 200
    client, response = try_page_password(page, restriction, PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Zu viele falsche Passwörter" in response.content.decode()
    assert "Interne Unterlagen" not in client.get(page.url).content.decode()
    # Another network is not affected.
    _client, response = try_page_password(page, restriction, PASSWORD, network="10.2.0.1")
    assert response.status_code == 302


def test_wrong_passwords_for_one_page_are_limited_across_networks(protected_page, settings):
    page, restriction = protected_page
    for attempt in range(rate_amount(settings, "restriction_password_per_restriction")):
        try_page_password(page, restriction, "geraten", network=f"10.3.{attempt // 250}.{attempt}")
    _client, response = try_page_password(page, restriction, PASSWORD, network="10.9.9.9")
    assert response.status_code == 429


def test_a_malformed_post_is_no_server_error(protected_page):
    page, restriction = protected_page
    client = Client()
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    assert client.post(url, {}).status_code == 200
    assert (
        client.post(f"/_util/authenticate_with_password/999999/{page.pk}/", {}).status_code == 404
    )


def test_document_collection_passwords_are_limited_too(db, settings):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Vertraulich")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document = wagtail_factories.DocumentFactory(collection=collection, title="Haushalt")
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    client = Client()
    for _attempt in range(rate_amount(settings, "restriction_password_per_ip")):
        response = client.post(url, {"password": "geraten", "return_url": document.url})
        assert response.status_code == 200
    response = client.post(url, {"password": PASSWORD, "return_url": document.url})
    assert response.status_code == 429
    assert "Zu viele falsche Passwörter" in response.content.decode()
