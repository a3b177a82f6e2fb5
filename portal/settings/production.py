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
# The preload directive only takes effect once the domain is submitted to
# hstspreload.org; set SECURE_HSTS_PRELOAD=false for a domain that must not be.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The health check is served over plain HTTP inside the container network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
