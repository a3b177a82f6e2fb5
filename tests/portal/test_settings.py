"""Settings guards: production refuses to start half-configured and passes Django's deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "ALLOWED_HOSTS": "beteiligung.example.org",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://beteiligung.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def manage(*args, settings="portal.settings.production", **env):
    clean_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    clean_env["DJANGO_SETTINGS_MODULE"] = settings
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Missing required environment variable(s)" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_refuses_sqlite():
    result = manage("check", **{**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/portal.db"})
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_malformed_boolean_is_named():
    result = manage("check", **{**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "vielleicht"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be a boolean" in result.stderr


def test_dev_runs_without_any_service_on_sqlite():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)",
        settings="portal.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django.db.backends.sqlite3", "True"]


def settings_in(settings_module: str, *names: str, **env) -> dict[str, str]:
    """The repr of each named setting under ``settings_module`` with ``env``."""
    code = "from django.conf import settings as s; " + "; ".join(
        f"print('setting', {name!r}, repr(getattr(s, {name!r})))" for name in names
    )
    result = manage("shell", "-c", code, settings=settings_module, **env)
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ", 2) for line in result.stdout.splitlines()]
    return {line[1]: line[2] for line in lines if line[0] == "setting"}


def test_hsts_preload_only_when_the_operator_opts_in():
    """Preloading is hard to undo: off unless SECURE_HSTS_PRELOAD=true, without a deploy warning."""
    default = settings_in("portal.settings.production", "SECURE_HSTS_PRELOAD", **PRODUCTION_ENV)
    assert default["SECURE_HSTS_PRELOAD"] == "False"
    opted_in = settings_in(
        "portal.settings.production",
        "SECURE_HSTS_PRELOAD",
        "SECURE_HSTS_SECONDS",
        **{**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "true"},
    )
    assert opted_in == {"SECURE_HSTS_PRELOAD": "True", "SECURE_HSTS_SECONDS": "31536000"}
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "true"},
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_two_factor_authentication_for_staff_is_on_in_production_only():
    production = settings_in(
        "portal.settings.production", "PORTAL_REQUIRE_ADMIN_MFA", **PRODUCTION_ENV
    )
    assert production["PORTAL_REQUIRE_ADMIN_MFA"] == "True"
    dev = settings_in("portal.settings.dev", "PORTAL_REQUIRE_ADMIN_MFA")
    assert dev["PORTAL_REQUIRE_ADMIN_MFA"] == "False"
    switched = settings_in(
        "portal.settings.dev", "PORTAL_REQUIRE_ADMIN_MFA", PORTAL_REQUIRE_ADMIN_MFA="true"
    )
    assert switched["PORTAL_REQUIRE_ADMIN_MFA"] == "True"
    switched_off = settings_in(
        "portal.settings.production",
        "PORTAL_REQUIRE_ADMIN_MFA",
        **{**PRODUCTION_ENV, "PORTAL_REQUIRE_ADMIN_MFA": "false"},
    )
    assert switched_off["PORTAL_REQUIRE_ADMIN_MFA"] == "False"


def test_demo_app_is_installed_in_dev_and_test_only():
    """The demo content and its command never reach a production installation."""
    production = settings_in("portal.settings.production", "INSTALLED_APPS", **PRODUCTION_ENV)
    assert "'demo'" not in production["INSTALLED_APPS"]
    for settings_module in ("portal.settings.dev", "portal.settings.test"):
        assert "'demo'" in settings_in(settings_module, "INSTALLED_APPS")["INSTALLED_APPS"]
