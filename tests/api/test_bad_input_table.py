"""Every write endpoint, query parameter and HTML form, fed input no client sends by accident.

NUL, invalid UTF-8, lone surrogates, control characters, integers past 64
bits, 100,000-deep JSON, 5,000-digit numbers and wrong content types: each
answers 4xx with a message naming the field or parameter, and nothing is
stored. The endpoints and parameters come from the OpenAPI documents (the
portal's and allauth's), so a new endpoint is in the table without a new row;
the HTML forms are listed, and a new route in an app's URLconf fails
``test_every_html_route_is_in_the_table`` until it is added or exempted.
"""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.test import Client
from django.test.client import encode_multipart
from django.urls import get_resolver

from polls.models import QuestionKind
from portal.api.schema import build_schema
from tests.comments.helpers import logged_in
from tests.polls.factories import add_question
from tests.proposals.factories import make_collection, make_proposal

PROBLEM = "application/problem+json"
HUGE = "9223372036854775808"  # 2**63: one past PostgreSQL's bigint

SCHEMA = build_schema()
STORED_APPS = (
    "comments",
    "polls",
    "proposals",
    "accounts",
    "account",
    "search",
    "notifications",
)


def operations(methods):
    for template, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            if method.upper() in methods:
                yield method.upper(), template, operation


JSON_WRITES = sorted(
    (method, template)
    for method, template, operation in operations({"POST", "PUT", "PATCH"})
    if "application/json" in operation.get("requestBody", {}).get("content", {})
)
# Query parameters the document lists, and Wagtail's field filters it does not.
QUERY_PARAMETERS = sorted(
    {
        (template, parameter["name"])
        for _method, template, operation in operations({"GET"})
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    }
    | {
        ("/api/v2/pages/", "first_published_at"),
        ("/api/v2/pages/", "title"),
        ("/api/v2/pages/", "id"),
        ("/api/v2/pages/", "ancestor_of"),
        ("/api/v2/images/", "title"),
        ("/api/v2/documents/", "title"),
    }
)
PATH_PARAMETERS = sorted(
    (method, template)
    for method, template, _operation in operations({"GET", "POST", "PUT", "PATCH", "DELETE"})
    if "{" in template
)
FREE_TEXT = {"q", "search"}


def allauth_writes():
    from allauth.headless.spec.internal.schema import get_schema

    for template, item in get_schema()["paths"].items():
        for method in item:
            if method.upper() in {"POST", "PUT", "PATCH", "DELETE"}:
                for client in ("browser", "app"):
                    yield method.upper(), template.replace("{client}", client)


ALLAUTH_WRITES = sorted(set(allauth_writes()))

BAD_JSON_BODIES = {
    "multipart": (
        encode_multipart("BoUnDaRy", {"email": "a@example.org"}),
        "multipart/form-data; boundary=BoUnDaRy",
    ),
    "form": ("email=a%40example.org&password=x", "application/x-www-form-urlencoded"),
    "text": ("hallo", "text/plain"),
    "deep": ("[" * 100_000 + "]" * 100_000, "application/json"),
    "deep_object": ('{"a":' * 50 + "1" + "}" * 50, "application/json"),
    "long_number": ('{"email": ' + "9" * 5000 + "}", "application/json"),
    "huge_integer": ('{"email": ' + HUGE + "}", "application/json"),
    "long_float": ('{"email": 1.' + "5" * 5000 + "}", "application/json"),
    "infinite": ('{"email": 1e999}', "application/json"),
    "nan": ('{"email": NaN}', "application/json"),
    "lone_surrogate": ('{"body": "a\\ud800b"}', "application/json"),
    "invalid_utf8": (b'{"body": "a\xff\xfeb"}', "application/json"),
}
EXPECTED_STATUS = {"multipart": 415, "form": 415, "text": 415}
BAD_QUERY_VALUES = {
    "nul": "a%00b",
    "control": "a%01%1Fb",
    "invalid_utf8": "a%FF%FEb",
    "lone_surrogate": "a%ED%A0%80b",
    "huge_integer": HUGE,
    "huge_negative": "-" + HUGE + "0",
    "long_digits": "9" * 5000,  # past Python's int-digit limit
}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in STORED_APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def unchanged():
    """Asserts after the test that no table of the participation apps has a row more or less."""
    holder = {}

    def start():
        holder["before"] = row_counts()

    yield start
    assert row_counts() == holder["before"]


def assert_problem(response, status=None):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status:
        assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM, response.content[:300]
    body = json.loads(response.content)
    assert body["detail"]
    return body


def named_fields(body) -> list[str]:
    return [error["field"] for error in body.get("errors", [])]


@pytest.fixture
def objects(project, public_poll, comments, citizen, idea_collection):
    from comments.models import CommentState

    free = add_question(public_poll, QuestionKind.TEXT, [], text="Was fehlt Ihnen?")
    own = type(comments[CommentState.PUBLISHED])._default_manager.create(
        page=project, author=citizen, body="Mein Beitrag", state=CommentState.PUBLISHED
    )
    proposal = make_proposal(make_collection(None, page=project))
    return {
        "kind": "proposal",
        "subject_id": proposal.pk,
        "poll_id": public_poll.pk,
        "page_id": project.pk,
        "comment_id": comments[CommentState.PUBLISHED].pk,
        "own_comment_id": own.pk,
        "id": project.pk,
        "free_question": free.pk,
        "target": "project",
        "target_id": project.pk,
        "notification_id": 1,
        "collection_id": idea_collection.pk,
        # The citizen's own, unsupported: an edit reaches the field validation.
        "proposal_id": make_proposal(idea_collection, author=citizen).pk,
    }


def fill(template: str, objects: dict, value=None) -> str:
    return re.sub(r"{(\w+)}", lambda match: str(value or objects[match[1]]), template)


@pytest.fixture
def writer(citizen):
    return logged_in(citizen)


# --- JSON endpoints -----------------------------------------------------------------


class Table:
    """Collects the rows that failed, so that one run shows all of them."""

    def __init__(self):
        self.failures = []

    def check(self, row, response, status=None, fields=None):
        try:
            problem = assert_problem(response, status)
            if fields is not None:
                assert named_fields(problem) == fields, problem
        except (AssertionError, ValueError, KeyError) as error:
            self.failures.append(f"{row}: {error}"[:400])

    def assert_clean(self):
        assert not self.failures, "\n".join(self.failures)


def test_json_writes_refuse_bad_bodies(writer, objects, unchanged):
    table = Table()
    unchanged()
    for method, template in JSON_WRITES:
        for kind, (body, content_type) in BAD_JSON_BODIES.items():
            response = getattr(writer, method.lower())(
                fill(template, objects), data=body, content_type=content_type
            )
            table.check(
                (method, template, kind),
                response,
                EXPECTED_STATUS.get(kind, 400),
                ["body"] if kind == "lone_surrogate" else None,
            )
    table.assert_clean()


def test_allauth_writes_refuse_bad_bodies(db, unchanged):
    """With CSRF checked, as in production: there a multipart body was a RawPostDataException."""
    client = Client(enforce_csrf_checks=True)
    client.get("/_allauth/browser/v1/config")
    token = client.cookies["csrftoken"].value
    table = Table()
    unchanged()
    for method, path in ALLAUTH_WRITES:
        for kind, (body, content_type) in BAD_JSON_BODIES.items():
            response = getattr(client, method.lower())(
                path, data=body, content_type=content_type, HTTP_X_CSRFTOKEN=token
            )
            table.check((method, path, kind), response, EXPECTED_STATUS.get(kind, 400))
    table.assert_clean()


# NUL in every text field of every JSON body, with an otherwise valid body:
# the field validation names the field. (endpoint, path template, body, field)
NUL_BODIES = [
    ("POST", "/api/v1/comments/pages/{page_id}", {"body": "a\x00b"}, "body"),
    ("POST", "/api/v1/comments/{comment_id}/replies", {"body": "a\x00b"}, "body"),
    ("POST", "/api/v1/comments/subjects/{kind}/{subject_id}", {"body": "a\x00b"}, "body"),
    ("PATCH", "/api/v1/comments/{own_comment_id}", {"body": "a\x00b"}, "body"),
    ("POST", "/api/v1/follows/", {"target": "a\x00b", "target_id": 1}, "target"),
    (
        "PUT",
        "/api/v1/notifications/settings",
        {"muted_events": [], "frequency": "a\x00b"},
        "frequency",
    ),
    (
        "POST",
        "/api/v1/comments/{comment_id}/reports",
        {"reason": "other", "details": "a\x00b"},
        "details",
    ),
    ("POST", "/api/v1/comments/{comment_id}/reports", {"reason": "a\x00b"}, "reason"),
    ("POST", "/api/v1/me/consents", {"documents": ["a\x00b"]}, None),
    (
        "POST",
        "/api/v1/proposals/collections/{collection_id}/proposals",
        {"title": "a\x00b", "description": "Text"},
        "title",
    ),
    (
        "POST",
        "/api/v1/proposals/collections/{collection_id}/proposals",
        {"title": "Titel", "description": "a\x00b"},
        "description",
    ),
    (
        "POST",
        "/api/v1/proposals/collections/{collection_id}/proposals",
        {"title": "Titel", "description": "Text", "category": "a\x00b"},
        "category",
    ),
    (
        "POST",
        "/api/v1/proposals/collections/{collection_id}/proposals",
        {"title": "Titel", "description": "Text", "district": "a\x00b"},
        "district",
    ),
    ("PATCH", "/api/v1/proposals/{proposal_id}", {"title": "a\x00b"}, "title"),
    ("PATCH", "/api/v1/proposals/{proposal_id}", {"district": "a\x00b"}, "district"),
    (
        "POST",
        "/api/v1/proposals/collections/{collection_id}/proposals",
        {"title": "Titel", "description": "Text", "address": "a\x00b"},
        "address",
    ),
    ("PATCH", "/api/v1/proposals/{proposal_id}", {"address": "a\x00b"}, "address"),
    (
        "POST",
        "/api/v1/polls/{poll_id}/ballot",
        {"answers": [{"question": "{free_question}", "text": "a\x00b"}]},
        "answers",
    ),
    # This poll takes no changed ballots: the refusal comes before the answers are read.
    (
        "PUT",
        "/api/v1/polls/{poll_id}/ballot",
        {"answers": [{"question": "{free_question}", "text": "a\x00b"}]},
        None,
    ),
]


def string_fields(schema: dict, components: dict, prefix="") -> set[str]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    found = set()
    for option in schema.get("anyOf", []):
        found |= string_fields(option, components, prefix)
    if schema.get("type") == "string":
        found.add(prefix)
    if schema.get("type") == "array":
        found |= string_fields(schema.get("items", {}), components, prefix)
    for name, value in schema.get("properties", {}).items():
        found |= string_fields(value, components, f"{prefix}.{name}" if prefix else name)
    return found


def test_every_text_field_of_every_json_body_is_in_the_nul_table():
    components = SCHEMA["components"]["schemas"]
    covered = {(method, template) for method, template, _body, _field in NUL_BODIES}
    for method, template in JSON_WRITES:
        operation = SCHEMA["paths"][template][method.lower()]
        body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
        if string_fields(body_schema, components):
            plain = template.replace("{own_comment_id}", "{comment_id}")
            assert (method, plain) in {
                (m, t.replace("{own_comment_id}", "{comment_id}")) for m, t in covered
            }, f"add {method} {template} to NUL_BODIES"


@pytest.mark.parametrize(("method", "template", "payload", "field"), NUL_BODIES)
def test_nul_in_json_text_is_refused_at_the_field(
    writer, objects, unchanged, method, template, payload, field
):
    writer.get(fill("/api/v1/polls/{poll_id}", objects))  # the voting cookie
    unchanged()
    body = json.dumps(payload).replace('"{free_question}"', str(objects["free_question"]))
    response = getattr(writer, method.lower())(
        fill(template, objects), data=body, content_type="application/json"
    )
    problem = assert_problem(response)
    if field:
        assert any(name.split(".")[0] == field for name in named_fields(problem)), problem


def test_huge_path_integers_are_refused(writer, objects, unchanged):
    table = Table()
    unchanged()
    for method, template in PATH_PARAMETERS:
        for value in (HUGE, "9" * 5000):
            body = {} if method == "GET" else {"data": "{}", "content_type": "application/json"}
            response = getattr(writer, method.lower())(fill(template, objects, value=value), **body)
            table.check((method, template, value[:20]), response)
    table.assert_clean()


def test_json_writes_refuse_form_bodies_with_csrf_checked(citizen, objects, unchanged):
    """As a browser sends them: Django's CSRF check reads a form body before any view."""
    client = logged_in(citizen, enforce_csrf_checks=True)
    client.get("/_allauth/browser/v1/config")
    token = client.cookies["csrftoken"].value
    table = Table()
    unchanged()
    for method, template in JSON_WRITES:
        for kind in ("multipart", "form"):
            body, content_type = BAD_JSON_BODIES[kind]
            response = getattr(client, method.lower())(
                fill(template, objects),
                data=body,
                content_type=content_type,
                HTTP_X_CSRFTOKEN=token,
            )
            table.check((method, template, kind), response, 415)
    table.assert_clean()


# --- Query parameters -------------------------------------------------------------


def test_query_parameters_refuse_bad_values(client, objects):
    table = Table()
    for template, name in QUERY_PARAMETERS:
        for kind, value in BAD_QUERY_VALUES.items():
            if kind in {"huge_integer", "huge_negative", "long_digits"} and name in FREE_TEXT:
                continue  # a long number is something to search for
            response = client.get(f"{fill(template, objects)}?{name}={value}")
            table.check((template, name, kind), response, 400, [name])
    table.assert_clean()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=pages.ProjectPage&topic=",
        "/api/v2/pages/?search=Markt&search_operator=",
        "/search/?q=",
        "/search/?q=Markt&year=",
        "/search/?q=Markt&page=",
        "/projekte/?topic=",
        "/projekte/?page=",
    ],
)
def test_query_values_in_combination(client, project, url):
    for kind, value in BAD_QUERY_VALUES.items():
        response = client.get(url + value)
        if kind in {"huge_integer", "huge_negative", "long_digits"} and url.endswith("q="):
            # Something to search for (the search form may find it too long: 400).
            assert response.status_code in (200, 400), (kind, response.status_code)
        else:
            assert 400 <= response.status_code < 500, (kind, response.status_code)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v2/pages/?search=Markt&search_operator=xx", "search_operator"),
        ("/api/v2/pages/?first_published_at=x", "first_published_at"),
        ("/api/v2/pages/?last_published_at=2026-13-45", "last_published_at"),
        ("/api/v2/pages/?offset=" + HUGE, "offset"),
        ("/api/v2/images/?offset=" + HUGE, "offset"),
        ("/api/v2/documents/?offset=" + HUGE, "offset"),
        ("/api/v2/pages/?limit=" + HUGE, "limit"),
        ("/api/v2/images/?search=%01", "search"),
        ("/api/v1/search/?q=Markt&project=" + HUGE, "project"),
        ("/api/v1/search/?q=Markt&department=" + HUGE, "department"),
    ],
)
def test_the_examples_of_the_issue_name_their_parameter(client, project, url, name):
    problem = assert_problem(client.get(url), 400)
    assert named_fields(problem) == [name]


# --- HTML forms -------------------------------------------------------------------

TEXT_VALUES = {
    "nul": "a\x00b",
}
RAW_FORM_VALUES = {
    "invalid_utf8": "a%FF%FEb",
    "lone_surrogate": "a%ED%A0%80b",
}

# (route name, URL template, the form's other fields, the text field)
HTML_FORMS = [
    ("comments:post", "/comments/post/", {"page": "{page_id}"}, "body"),
    ("comments:reply", "/comments/{comment_id}/reply/", {"page": "{page_id}"}, "body"),
    ("comments:edit", "/comments/{own_comment_id}/edit/", {"page": "{page_id}"}, "body"),
    (
        "comments:report",
        "/comments/{comment_id}/report/",
        {"page": "{page_id}", "reason": "other"},
        "details",
    ),
    ("polls:vote", "/polls/{poll_id}/vote/", {"page": "{page_id}"}, "q{free_question}-text"),
    ("accounts:profile", "/accounts/profile/", {}, "display_name"),
    (
        "account_signup",
        "/accounts/signup/",
        {"email": "neu@example.org", "password1": "Lang-genug-2026!", "consent": "on"},
        "display_name",
    ),
    ("account_login", "/accounts/login/", {"password": "x"}, "login"),
    ("account_reset_password", "/accounts/password/reset/", {}, "email"),
    ("accounts:delete", "/accounts/delete/", {}, "password"),
    (
        "notifications:email_follow",
        "/benachrichtigungen/per-e-mail/",
        {"target": "project", "target_id": "{page_id}"},
        "email",
    ),
]
# Routes without a free-text form field: nothing to put a bad character into.
NO_TEXT_FIELD = {
    "comments:delete",
    "comments:support",
    "accounts:consent",
    "accounts:data",
    "accounts:data_download",
    "search:search",  # a GET form: its parameters are in the query-parameter tables
}


def fill_form(data: dict, objects: dict) -> dict:
    return {fill(name, objects): fill(value, objects) for name, value in data.items()}


def test_nul_in_a_form_field_is_refused_next_to_the_field(writer, objects, unchanged):
    failures = []
    unchanged()
    for name, template, others, field in HTML_FORMS:
        client = Client() if name.startswith("account_") else writer
        data = {**fill_form(others, objects), fill(field, objects): TEXT_VALUES["nul"]}
        response = client.post(fill(template, objects), data)
        page = response.content.decode()
        if response.status_code not in (200, 400) or "Nullzeichen" not in page:
            failures.append((name, response.status_code))
    assert not failures


def test_broken_text_in_a_form_body_is_refused_naming_the_field(writer, objects, unchanged):
    failures = []
    unchanged()
    for name, template, others, field in HTML_FORMS:
        field = fill(field, objects)
        for kind, value in RAW_FORM_VALUES.items():
            others_filled = fill_form(others, objects)
            body = "&".join(
                [*(f"{key}={item}" for key, item in others_filled.items()), f"{field}={value}"]
            )
            response = writer.post(
                fill(template, objects), data=body, content_type="application/x-www-form-urlencoded"
            )
            if response.status_code != 400 or field not in response.content.decode():
                failures.append((name, kind, response.status_code))
    assert not failures


def test_every_html_route_is_in_the_table():
    covered = {name for name, *_rest in HTML_FORMS} | NO_TEXT_FIELD
    resolver = get_resolver()
    routes = set()
    for namespace in ("comments", "polls", "accounts", "search"):
        sub = resolver.namespace_dict[namespace][1]
        routes |= {f"{namespace}:{key}" for key in sub.reverse_dict if isinstance(key, str)}
    assert routes <= covered, sorted(routes - covered)
