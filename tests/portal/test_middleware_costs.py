"""Each middleware does its work only where it applies, and still does all of it there."""

from unittest import mock

from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client
from django.utils.csp import CSP, build_policy

from portal.middleware import LazyMessageMiddleware


def with_session(request):
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def test_messages_a_view_adds_are_stored_for_the_next_page(rf):
    def view(request):
        messages.success(request, "Gespeichert.")
        return HttpResponse("ok")

    response = LazyMessageMiddleware(view)(with_session(rf.get("/")))
    assert "messages" in response.cookies


def test_a_request_that_never_touches_messages_builds_no_storage(rf):
    with mock.patch("portal.middleware.default_storage") as storage:
        response = LazyMessageMiddleware(lambda request: HttpResponse("ok"))(
            with_session(rf.get("/"))
        )
    storage.assert_not_called()
    assert "messages" not in response.cookies


def test_the_content_security_policy_follows_the_setting_in_a_running_process(settings):
    client = Client()  # one handler, one middleware instance for both requests
    first = client.get("/robots.txt")["Content-Security-Policy"]
    assert first == build_policy(settings.SECURE_CSP)
    settings.SECURE_CSP = {**settings.SECURE_CSP, "img-src": [CSP.SELF, "https://bilder.jena.de"]}
    second = client.get("/robots.txt")["Content-Security-Policy"]
    assert "https://bilder.jena.de" in second
    assert "https://bilder.jena.de" not in first


def test_citizen_pages_do_not_vary_on_the_browsers_language_but_the_api_does(db):
    client = Client()
    page = client.get("/robots.txt", headers={"accept-language": "en"})
    assert "Accept-Language" not in page.get("Vary", "")
    assert page["Content-Language"] == "de"
    api = client.get("/api/v1/search/", {"q": "Radweg"}, headers={"accept-language": "en"})
    assert "Accept-Language" in api["Vary"]
    assert api["Content-Language"] == "en"


def test_the_language_cookie_still_chooses_the_language_of_citizen_pages():
    client = Client()
    client.cookies["django_language"] = "en"
    assert client.get("/robots.txt")["Content-Language"] == "en"
