"""The database goes away: 503 with Retry-After (problem+json on the APIs), nothing half-written.

Two real failures, no mocks:

- The server refuses connections: the portal's connection is pointed at a
  port nothing listens on, so every query meets the same refused TCP
  connection as with a stopped PostgreSQL (a second throw-away cluster would
  only make the test slower, not more real).
- A connection is killed in the middle of a request: another connection
  calls ``pg_terminate_backend`` on it, as a database restart or a failover
  does.
"""

import json
import socket
import sqlite3
from contextlib import contextmanager
from types import SimpleNamespace

import psycopg
import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.db.utils import DatabaseErrorWrapper

from portal.server_errors import is_database_unavailable
from tests.factories import TEST_PASSWORD

User = get_user_model()

# In this engineer's port range; nothing may listen there.
CLOSED_PORT = 17251


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@contextmanager
def database_refusing():
    """Within, every new database connection is refused; the connection is restored after."""
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", CLOSED_PORT)) != 0, "the port must be closed"
    settings_dict = connection.settings_dict
    saved = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", CLOSED_PORT
    try:
        yield
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = saved


@pytest.fixture
def database_down():
    with database_refusing():
        yield


def terminate_this_connection() -> None:
    """Kills the portal's current database connection from a second one, and waits for it."""
    pid = connection.connection.info.backend_pid
    s = connection.settings_dict
    with psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=True,
    ) as other:
        assert other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]


def assert_problem_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["type"] == "/api/problems/service-unavailable"
    assert body["status"] == 503
    assert "30 Sekunden" in body["detail"]
    assert "psycopg" not in response.content.decode()
    assert "connection" not in response.content.decode().lower()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/polls/1"),
        ("get", "/api/v1/search/?q=Radweg"),
        ("get", "/api/v2/pages/"),
        ("get", "/_allauth/browser/v1/auth/session"),
        ("post", "/_allauth/browser/v1/auth/login"),
    ],
)
def test_the_apis_answer_503_problems_while_the_database_refuses(
    client, home_page, database_down, method, url
):
    # A returning visitor: the session is looked up in the database.
    client.cookies["sessionid"] = "k" * 32
    kwargs = {}
    if method == "post":
        credentials = {"email": "anna@example.org", "password": TEST_PASSWORD}
        kwargs = {"data": json.dumps(credentials), "content_type": "application/json"}
    assert_problem_503(getattr(client, method)(url, **kwargs))


@pytest.mark.django_db(transaction=True)
def test_pages_answer_a_german_503_page_and_come_back_with_the_database(client, home_page):
    with database_refusing():
        response = client.get("/")
        signup = client.post(
            "/accounts/signup/",
            {
                "email": "anna@example.org",
                "display_name": "Radlerin_Anna",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
                "consent": "on",
            },
        )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Vorübergehend nicht erreichbar" in page
    assert "Bitte versuchen Sie es in einigen Minuten erneut." in page
    assert signup.status_code == 503
    # No portal restart: the next request connects again.
    assert client.get("/").status_code == 200
    assert not User.objects.filter(email="anna@example.org").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("url", "as_json"),
    [("/accounts/signup/", False), ("/_allauth/browser/v1/auth/signup", True)],
)
def test_a_signup_whose_connection_is_killed_half_way_leaves_no_account(
    client, home_page, url, as_json
):
    """The account and its address are written, then the connection dies before the rest."""

    def kill(**kwargs):
        terminate_this_connection()

    if as_json:
        data = {
            "email": "anna@example.org",
            "password": TEST_PASSWORD,
            "display_name": "Radlerin_Anna",
            "consent": True,
        }
    else:
        data = {
            "email": "anna@example.org",
            "display_name": "Radlerin_Anna",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "consent": "on",
        }
    user_signed_up.connect(kill, dispatch_uid="kill-connection")
    try:
        if as_json:
            response = client.post(url, json.dumps(data), content_type="application/json")
        else:
            response = client.post(url, data)
    finally:
        user_signed_up.disconnect(dispatch_uid="kill-connection")
        connection.close()

    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "30"
    if as_json:
        assert_problem_503(response)
    assert not User.objects.filter(email="anna@example.org").exists()
    assert not EmailAddress.objects.filter(email="anna@example.org").exists()


def wrapped(driver_error):
    """The error as Django raises it, wrapped by Django's own error wrapper for its driver."""
    driver = sqlite3 if isinstance(driver_error, sqlite3.Error) else psycopg
    try:
        with DatabaseErrorWrapper(SimpleNamespace(Database=driver, errors_occurred=False)):
            raise driver_error
    except DatabaseError as error:
        return error


def sqlite_error(message, code):
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("driver_error", "unavailable"),
    [
        (psycopg.OperationalError("connection refused"), True),
        (psycopg.errors.AdminShutdown("terminating connection"), True),
        (psycopg.errors.TooManyConnections("too many clients"), True),
        (psycopg.errors.SerializationFailure("could not serialize"), True),
        (sqlite_error("database is locked", 5), True),
        # The query's own fault: a server error, not an outage.
        (sqlite_error("fts5: syntax error near '\x01'", 1), False),
        (psycopg.errors.UndefinedTable("relation does not exist"), False),
    ],
)
def test_only_errors_about_the_database_state_count_as_an_outage(driver_error, unavailable):
    assert is_database_unavailable(wrapped(driver_error)) is unavailable
