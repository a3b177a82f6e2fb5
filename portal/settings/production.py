"""Production: HTTPS only, required configuration checked at start-up.

Refuses to start when a required variable is missing, naming it, rather
than falling back to something unsafe.
"""

from django.core.exceptions import ImproperlyConfigured

from .environment import env_bool, env_int, require_env

require_env(
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
    "EMAIL_HOST",
)

from .base import *  # noqa: E402, F403

if not USING_POSTGRES:  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")

DEBUG = False

# Behind a TLS-terminating proxy (nginx, Traefik) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading puts the domain into the browsers' built-in HTTPS-only lists, which
# takes months to undo (and covers every subdomain): only when the operator
# opts in with SECURE_HSTS_PRELOAD=true (and then submits it to hstspreload.org).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # The deploy check recommends preloading (security.W021); it is a choice here.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
# Two-factor authentication for everyone with admin access (accounts/mfa_required.py).
PORTAL_REQUIRE_ADMIN_MFA = env_bool("PORTAL_REQUIRE_ADMIN_MFA", True)
CSRF_COOKIE_SECURE = True
# Liveness and readiness are served over plain HTTP inside the container
# network (portal/health.py answers them before the redirect; kept in step).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]

# Static files through whitenoise's manifest; the others (media, the proposals'
# own files outside MEDIA_ROOT) as in the base settings.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
