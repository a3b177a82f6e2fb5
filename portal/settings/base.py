"""Settings shared by every environment.

Safe for production on its own: DEBUG is off, nothing secret lives here and
everything that differs between installations comes from the environment.
``dev``, ``test`` and ``production`` refine it.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first so that their templates override those of libraries.
    "accounts.apps.AccountsConfig",
    "departments",
    "pages",
    "polls",
    "comments",
    "proposals",
    "vorhaben",
    "figures",
    "training",
    "notifications",
    # Purges the front cache and the page cache when what visitors see changes.
    "frontcache",
    "newsletters",
    # Logo, colours, font and footer per site (Wagtail settings), as a stylesheet.
    "theming",
    "search",
    "scheduling",
    "backups",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "accounts.apps.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    # Two-factor authentication (TOTP, recovery codes); see accounts.mfa_required.
    "allauth.mfa",
    # The headless API: allauth's JSON endpoints for citizen accounts,
    # Wagtail's API v2 (built on Django REST framework), CORS for the
    # cities' own front ends and editors' previews in those front ends.
    "allauth.headless",
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "wagtail_headless_preview",
    # For the API docs' static files, served locally rather than from a CDN.
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
]

MIDDLEWARE = [
    # /healthz/ and /readyz/ for probes, before the host and HTTPS rules (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Shareable citizen pages from the cache, before the rest of the stack (web/page_cache.py).
    "web.page_cache.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so that preflight requests get their answer.
    "corsheaders.middleware.CorsMiddleware",
    # Shared or private page answers, decided on the finished response (web/shared_pages.py):
    # outside everything that may set a cookie.
    "web.shared_pages.SharedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "portal.request_guards.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.api.app_tokens.AppSessionTokenMiddleware",
    # Citizens agree to changed privacy notice / terms before anything else.
    "accounts.middleware.ConsentRequiredMiddleware",
    "portal.api.caching.PublicApiCacheMiddleware",
    "portal.api.conventions.ApiConventionsMiddleware",
    "web.participants.ParticipantCookieMiddleware",
    # Django's messages, built only when used (portal/middleware.py).
    "portal.middleware.LazyMessageMiddleware",
    "accounts.mfa_required.AdminMfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.AdminFramingMiddleware",
    "portal.middleware.PortalContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # No CSRF token in a page shared by anonymous visitors (web/shared_pages.py).
                "web.shared_pages.shared_csrf",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL (postgres://user:pass@host:5432/name). Without it the
# portal falls back to a local SQLite file so that it runs with zero services.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# Server-side parameters and prepared statements (psycopg 3): a statement the
# connection has run DATABASE_PREPARE_THRESHOLD times is planned once and reused.
# The hot page and API queries are planned in 1-2 ms and run in a tenth of that
# (the project page: 12 ms of database time per request before, 7 ms after).
# 0 turns it off (client-side binding, Django's default), e.g. behind a
# connection pooler in transaction mode that does not support prepared statements.
DATABASE_PREPARE_THRESHOLD = env_int("DATABASE_PREPARE_THRESHOLD", 2)
if USING_POSTGRES and DATABASE_PREPARE_THRESHOLD > 0:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=DATABASE_PREPARE_THRESHOLD
    )

# Cache: Redis when REDIS_URL is set (shared across processes, needed for rate
# limits in production), else a per-process memory cache.
REDIS_URL = env_str("REDIS_URL")
# The cache is an optimisation, never a dependency (portal/cache.py): short
# timeouts, and after an error Redis is skipped for a cool-down, then probed.
CACHE_RESILIENCE_OPTIONS = {
    "socket_connect_timeout": env_int("CACHE_CONNECT_TIMEOUT_MS", 250) / 1000,
    "socket_timeout": env_int("CACHE_SOCKET_TIMEOUT_MS", 250) / 1000,
    "breaker_cooldown": env_int("CACHE_BREAKER_COOLDOWN_SECONDS", 5),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": CACHE_RESILIENCE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Readiness (/readyz/, portal/health.py): name -> callable returning
# {"status": "ok" | "degraded" | "down", ...}. Only a critical check that is
# down makes the portal "not ready" (503); others make it "degraded" (200).
PORTAL_READINESS_CHECKS = {
    "database": "portal.readiness.database",
    "cache": "portal.readiness.cache",
    "search": "search.health.readiness",
    "tasks": "portal.readiness.task_queue",
}
PORTAL_READINESS_CRITICAL = ["database"]
# The oldest ready background task waiting longer than this is "degraded".
PORTAL_READINESS_TASK_LAG_SECONDS = env_int("READINESS_TASK_LAG_SECONDS", 300)

# Participation rules shared by polls and comments.
# Number of reverse proxies in front of the portal that append to
# X-Forwarded-For; 0 means the portal faces clients directly.
PORTAL_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# "count/period" with period s, m, h or d (optionally with a multiplier: "1/10s").
PORTAL_RATE_LIMITS = {
    "ballot_per_ip": env_str("RATE_LIMIT_BALLOTS_PER_IP", "60/h"),
    # Ballots cast or changed by one participant (account or browser), all polls.
    "ballot_per_participant": env_str("RATE_LIMIT_BALLOTS_PER_PARTICIPANT", "30/h"),
    # Comments and replies: per account (or anonymous browser) and per network.
    "comment_per_account": env_str("RATE_LIMIT_COMMENTS_PER_ACCOUNT", "1/10s"),
    "comment_per_account_daily": env_str("RATE_LIMIT_COMMENTS_PER_ACCOUNT_DAILY", "50/d"),
    "comment_per_ip": env_str("RATE_LIMIT_COMMENTS_PER_IP", "30/h"),
    "comment_report_per_account": env_str("RATE_LIMIT_COMMENT_REPORTS_PER_ACCOUNT", "20/h"),
    "comment_support_per_account": env_str("RATE_LIMIT_COMMENT_SUPPORTS_PER_ACCOUNT", "300/h"),
    "proposal_report_per_account": env_str("RATE_LIMIT_PROPOSAL_REPORTS_PER_ACCOUNT", "20/h"),
    # "Meine Daten": building a citizen's export reads everything they ever did.
    # Citizens' suggestions on the Vorhabenliste (Anregungen), per network.
    "anregung_per_ip": env_str("RATE_LIMIT_ANREGUNGEN_PER_IP", "5/h"),
    "data_export_per_account": env_str("RATE_LIMIT_DATA_EXPORTS_PER_ACCOUNT", "10/h"),
    # Wrong passwords for a password-protected page or document collection.
    "restriction_password_per_ip": env_str("RATE_LIMIT_PAGE_PASSWORD_PER_IP", "10/h"),
    "restriction_password_per_restriction": env_str("RATE_LIMIT_PAGE_PASSWORD_PER_PAGE", "50/h"),
    # Follow by e-mail (double opt-in): requests per network, confirmation mails per address.
    "email_follow_per_ip": env_str("RATE_LIMIT_EMAIL_FOLLOWS_PER_IP", "10/h"),
    "email_follow_per_address": env_str("RATE_LIMIT_EMAIL_FOLLOWS_PER_ADDRESS", "3/d"),
}

# Editors' poll results call a network "crowded" when it cast more anonymous
# ballots than this in the poll on one day.
POLLS_CROWDED_NETWORK_BALLOTS = env_int("POLLS_CROWDED_NETWORK_BALLOTS", 5)

# Comments (the comments app). Page types take comments by inheriting
# comments.mixins.DiscussionMixin.
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 5000)
# Top-level comments have depth 1; replies can nest until this depth.
COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 3)
COMMENTS_EDIT_WINDOW_MINUTES = env_int("COMMENTS_EDIT_WINDOW_MINUTES", 15)
# This many reports from different participants hide a comment until reviewed.
COMMENTS_REPORTS_TO_HIDE = env_int("COMMENTS_REPORTS_TO_HIDE", 3)
COMMENTS_PAGE_SIZE = env_int("COMMENTS_PAGE_SIZE", 20)
# This many open reports from different accounts hide a proposal until a moderator reviews it.
PROPOSALS_REPORTS_TO_HIDE = env_int("PROPOSALS_REPORTS_TO_HIDE", 3)
COMMENTS_REPLIES_PREVIEW = env_int("COMMENTS_REPLIES_PREVIEW", 5)
COMMENTS_THREAD_PAGE_SIZE = env_int("COMMENTS_THREAD_PAGE_SIZE", 50)
COMMENTS_MAX_PINNED = env_int("COMMENTS_MAX_PINNED", 3)
# Anonymous visitors share cached thread pages, invalidated on every change (0: off).
COMMENTS_THREAD_CACHE_SECONDS = env_int("COMMENTS_THREAD_CACHE_SECONDS", 300)

# Shareable pages (Cache-Control: public, no cookie; README, "Front cache (Varnish)").
# The portal's own page cache keeps them in the default cache at most this long (0: off).
PORTAL_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The front cache (Varnish) the portal purges, e.g. http://varnish:80; unset: none.
PORTAL_VARNISH_URL = env_str("PORTAL_VARNISH_URL") or None
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "frontcache.backends.VarnishBackend",
            "LOCATION": PORTAL_VARNISH_URL,
            "TIMEOUT": env_int("VARNISH_PURGE_TIMEOUT_SECONDS", 2),
        }
    }
    if PORTAL_VARNISH_URL
    else None
)
# Frequent changes (ballots, new comments) purge a page at most once per this
# many seconds, plus once at the end of the window (frontcache.purging).
PORTAL_PURGE_COALESCE_SECONDS = env_int("PURGE_COALESCE_SECONDS", 1)

# Background work (search indexing, Wagtail's own tasks) runs through
# django-tasks with a database queue; `manage.py worker` executes it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Periodic jobs (the scheduling app: each app's periodic_jobs.py) run in
# `manage.py worker` beside the queue, looking for due jobs this often;
# `manage.py run_periodic_jobs --once` runs them from cron instead.
SCHEDULING_TICK_SECONDS = env_int("SCHEDULING_TICK_SECONDS", 30)
# A claimed job is left alone this long before another worker may take it over.
SCHEDULING_LEASE_SECONDS = env_int("SCHEDULING_LEASE_SECONDS", 3600)

# How long personal and pseudonymous data is kept before the periodic jobs
# delete it (README: "Privacy: what is kept, for how long, and why"), in days.
PORTAL_RETENTION = {
    # Ballots' salted, daily-rotating network hashes (after the ballot's day).
    "network_hashes": timedelta(days=env_int("RETENTION_NETWORK_HASH_DAYS", 2)),
    # The browser key of an anonymous comment's author, once the comment is decided.
    "anonymous_comment_keys": timedelta(days=env_int("RETENTION_ANONYMOUS_COMMENT_KEY_DAYS", 30)),
    # Signups whose e-mail address was never confirmed (and that never signed in).
    "unverified_signups": timedelta(days=env_int("RETENTION_UNVERIFIED_SIGNUP_DAYS", 30)),
    # Finished background task results (django-tasks).
    "task_results": timedelta(days=env_int("RETENTION_TASK_RESULT_DAYS", 14)),
    # The recipient's address (and the error text) of a mail the outbox sent or gave up on.
    "outbox_addresses": timedelta(days=env_int("RETENTION_OUTBOX_ADDRESS_DAYS", 30)),
}

# Search: PostgreSQL full text by default, Elasticsearch 8 when
# ELASTICSEARCH_URL is set ("postgres", "elasticsearch" or "simple" to force).
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL") or None
PORTAL_SEARCH_BACKEND = env_str("SEARCH_BACKEND") or None
PORTAL_ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "portal-search")
# A word expected in more documents than this is counted (total and facets)
# on its first matches only, and the page says "more than ..."; 0 counts
# every match exactly, however common the word.
PORTAL_SEARCH_EXACT_COUNT_LIMIT = env_int("SEARCH_EXACT_COUNT_LIMIT", 20_000)
# How often the worker compares the whole index with the database and repairs
# what differs (search.checking); a full pass reads every document.
PORTAL_SEARCH_CHECK_EVERY = timedelta(hours=env_int("SEARCH_CHECK_HOURS", 6))
# The worker drains the search outbox this often (entries the backend refused
# wait for their back-off); a document refused this many times on its own is
# parked with its error (search_check lists it, --fix retries it).
PORTAL_SEARCH_OUTBOX_EVERY = timedelta(seconds=env_int("SEARCH_OUTBOX_SECONDS", 60))
PORTAL_SEARCH_MAX_ATTEMPTS = env_int("SEARCH_MAX_ATTEMPTS", 5)
# Readiness reports the search as degraded when a due update waits longer.
PORTAL_SEARCH_MAX_LAG_SECONDS = env_int("SEARCH_MAX_LAG_SECONDS", 300)
# A reindex whose heartbeat is older than this is taken for dead: updates
# flow again and its staging table is dropped.
PORTAL_SEARCH_REBUILD_STALE_SECONDS = env_int("SEARCH_REBUILD_STALE_SECONDS", 120)
# Retry-After (seconds) of the 503 answered while the search backend is unreachable.
PORTAL_SEARCH_RETRY_AFTER = env_int("SEARCH_RETRY_AFTER_SECONDS", 30)
# Elasticsearch searches give up after this many seconds (writes after 10);
# after a failure, searches answer 503 at once for SEARCH_BREAKER_SECONDS.
PORTAL_SEARCH_TIMEOUT_SECONDS = env_int("SEARCH_TIMEOUT_SECONDS", 3)
PORTAL_SEARCH_BREAKER_SECONDS = env_int("SEARCH_BREAKER_SECONDS", 10)

AUTH_USER_MODEL = "accounts.User"
# Passwords are checked in allauth's login flow only (accounts.login_policy):
# this backend refuses any other caller of authenticate().
AUTHENTICATION_BACKENDS = ["accounts.login_policy.LoginPolicyBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Citizen accounts (django-allauth): e-mail login, verified addresses, a
# pseudonymous display name asked for at signup.
# The portal's adapter with the login policy (accounts.login_policy).
ACCOUNT_ADAPTER = "accounts.login_policy.LoginPolicyAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirm by POST only: mail scanners that follow links must not verify.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Account mails: the subject starts with WAGTAIL_SITE_NAME, the greeting uses
# the public name (accounts.adapter), never the internal username.
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Versions of the documents citizens agree to at signup (accounts/consent.py);
# raising one asks every citizen again at their next request. Where the
# documents are published is a portal setting (privacy and terms pages).
PORTAL_CONSENT_VERSIONS = {
    "privacy": env_str("PRIVACY_NOTICE_VERSION", "1"),
    "terms": env_str("TERMS_OF_USE_VERSION", "1"),
}

# One login policy for every entry point (accounts.login_policy): the account
# pages, the headless endpoints and the admin's login all use allauth's login
# flow. Failed sign-ins are counted in the shared cache per account and per
# network ("count/period"); over either limit even the right password is
# refused until the period has passed. allauth's other limits keep their defaults.
ACCOUNT_RATE_LIMITS = {
    "login_failed": ",".join(
        [
            env_str("RATE_LIMIT_LOGIN_FAILURES_PER_IP", "20/15m") + "/ip",
            env_str("RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "5/15m") + "/key",
        ]
    ),
}
# Two-factor authentication with an authenticator app (TOTP) and recovery
# codes. Required for everyone with admin access when PORTAL_REQUIRE_ADMIN_MFA
# is on (production default; off in development), optional for citizens.
MFA_ADAPTER = "accounts.mfa_required.PortalMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {"authenticate": "accounts.mfa_required.PortalAuthenticateForm"}
MFA_TOTP_ISSUER = env_str("PORTAL_SITE_NAME", "Beteiligungsportal")
PORTAL_REQUIRE_ADMIN_MFA = env_bool("PORTAL_REQUIRE_ADMIN_MFA", False)
# The admin has no password forms of its own: its login is allauth's (see
# portal/urls.py), passwords are reset and changed on the account pages.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Where `manage.py backup` writes (one timestamped directory per backup).
BACKUP_ROOT = Path(env_str("BACKUP_ROOT", str(BASE_DIR / "var" / "backups")))
# Proposals' images and attachments: outside MEDIA_ROOT, which the web server
# serves to anyone. They are served only through proposals' views, which apply
# the proposal's visibility (proposals.media_views).
PROPOSALS_MEDIA_ROOT = Path(
    env_str("PROPOSALS_MEDIA_ROOT", str(BASE_DIR / "var" / "proposal-media"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "proposals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PROPOSALS_MEDIA_ROOT, "base_url": "/nicht-oeffentlich/"},
    },
}
# Limits of proposals' uploads (proposals.images, proposals.attachments).
PROPOSALS_IMAGE_MAX_BYTES = env_int("PROPOSALS_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
# Width x height: more pixels than this is refused before decoding (decompression bombs).
PROPOSALS_IMAGE_MAX_PIXELS = env_int("PROPOSALS_IMAGE_MAX_PIXELS", 40_000_000)
# Longer edges are scaled down on upload.
PROPOSALS_IMAGE_MAX_EDGE = env_int("PROPOSALS_IMAGE_MAX_EDGE", 2560)
PROPOSALS_ATTACHMENT_MAX_BYTES = env_int("PROPOSALS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644

# Outgoing mail (account verification, password reset) through Django 6.1's
# MAILERS; dev.py prints mail to the console instead. Requests only queue
# their mail (portal.mail): the worker delivers it through "smtp", retrying
# with back-off while the mail server is away.
MAILERS = {
    "default": {"BACKEND": "portal.mail.QueuedEmailBackend", "OPTIONS": {"mailer": "smtp"}},
    "smtp": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 587),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": 20,
        },
    },
}
# Delivery attempts per message; the wait doubles from the first retry up to the ceiling
# (with the defaults about four hours in all before a message is given up and logged).
PORTAL_MAIL_DELIVERY = {
    "attempts": env_int("MAIL_DELIVERY_ATTEMPTS", 10),
    "first_retry_seconds": env_int("MAIL_FIRST_RETRY_SECONDS", 60),
    "max_retry_seconds": env_int("MAIL_MAX_RETRY_SECONDS", 3600),
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Beteiligungsportal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# While the database cannot be reached, pages and APIs answer 503 with this
# Retry-After (portal.server_errors).
PORTAL_OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER_SECONDS", 30)

# Security defaults that hold everywhere; production.py adds HTTPS-only ones.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused token is a problem body under /api/ and /_allauth/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "portal.server_errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The public site gets a strict policy: our own scripts and styles only, and
# inline scripts only with the per-request nonce. The Wagtail admin emits
# inline scripts and styles without a nonce, so it gets PORTAL_ADMIN_CSP
# (see portal.middleware).
# The proposals map (proposals/map_views.py): Leaflet is vendored (static/vendor/leaflet), the
# tiles come from this server, only after the visitor agrees (two-click); the city may set its
# own tile service. The box keeps locations in the city (participation.geo).
PORTAL_MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PORTAL_MAP_ATTRIBUTION = env_str(
    "MAP_ATTRIBUTION",
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap-Mitwirkende</a>',
)
PROPOSALS_MAP_BOUNDS = {"south": 50.85, "west": 11.50, "north": 50.98, "east": 11.70}
_map_tiles = urlsplit(PORTAL_MAP_TILES_URL)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # The map's tiles, and nothing else from there.
    "img-src": [CSP.SELF, "data:", f"{_map_tiles.scheme}://{_map_tiles.netloc}"],
    "font-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
PORTAL_ADMIN_PATH_PREFIX = "/cms/"
PORTAL_ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("PORTAL_SITE_NAME", "Beteiligungsportal")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from Gravatar: it would receive a hash of each editor's e-mail address
# with every admin page view (tests/browser/test_third_party_requests.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# Workflow mails (Wagtail's templates, in each recipient's admin language, German
# by default) go through MAILERS["default"] from DEFAULT_FROM_EMAIL: a submitted
# project to the reviewers of its task (the Beteiligungsteam), the approval or
# the requested changes to the submitter. Superusers (the IT) are not reviewers.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool(
    "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False
)
# SVG for the cities' logos (theming); shown only through <img>, where an SVG runs no script.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif", "svg"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "pptx", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's own search (the admin's page and snippet search) sits beside
# the portal search: the database backend with German stemming, or
# Elasticsearch when it is configured.
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env_str("ELASTICSEARCH_WAGTAIL_INDEX_PREFIX", "portal-wagtail-"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            # German stemming where PostgreSQL provides it; SQLite ignores this.
            **({"SEARCH_CONFIG": "german"} if USING_POSTGRES else {}),
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Headless API (portal/api/v2, portal/api/schema.py, examples/headless) ---
# Wagtail's API v2 at /api/v2/: rich text as display HTML (real links, not
# Wagtail's internal <a linktype="page"> markup), absolute URLs from here.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
# Images in the API come as renditions of these sizes (Wagtail filter specs).
PORTAL_API_IMAGE_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x600",
    "large": "max-1600x1200",
}
REST_FRAMEWORK = {
    # JSON only: Django REST framework's browsable API would need its own
    # templates, scripts and a relaxed Content Security Policy.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The session (or an app's X-Session-Token, portal/api/app_tokens.py) only:
    # REST framework's default Basic authentication would check passwords
    # outside the login policy, as often as anyone asks.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Public GET answers of the API carry ETag and Cache-Control (portal/api/caching.py):
# shared caches may keep anonymous answers this long.
PORTAL_API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
# How long shared caches (Varnish, the portal's page cache) may keep a page served to
# anonymous visitors; never past a poll closing, a phase starting (web/shared_pages.py).
PORTAL_SHARED_PAGE_SECONDS = env_int("SHARED_PAGE_SECONDS", 300)

# CORS: only the cities' own front ends, from the environment
# (CORS_ALLOWED_ORIGINS="https://www.jena.de,https://app.jena.de"). They may
# send cookies (session login through allauth's browser endpoints), so each
# origin must also be trusted for CSRF.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/(api|_allauth)/.*$"
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "if-none-match",
    "if-modified-since",
    "x-csrftoken",
    "x-requested-with",
    "x-session-token",
]
CORS_EXPOSE_HEADERS = ["etag", "last-modified", "retry-after", "x-session-token"]
CSRF_TRUSTED_ORIGINS = [
    *CSRF_TRUSTED_ORIGINS,
    *(origin for origin in CORS_ALLOWED_ORIGINS if origin not in CSRF_TRUSTED_ORIGINS),
]

# Citizen accounts for headless clients: allauth's JSON endpoints under
# /_allauth/browser/v1/ (session cookie + CSRF) and /_allauth/app/v1/
# (X-Session-Token for apps). The HTML account pages keep working.
HEADLESS_ONLY = False
HEADLESS_ADAPTER = "portal.api.headless.HeadlessAdapter"
HEADLESS_CLIENTS = ("browser", "app")
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_SPECIFICATION_TEMPLATE_NAME = None
# Apps get allauth's default session tokens (X-Session-Token), which the
# participation API accepts too (portal/api/app_tokens.py).
# Links in e-mails (verification, password reset) lead to the front end the
# citizen signed up on, when a city runs one (HEADLESS_FRONTEND_URL); without
# it they lead to the portal's own pages.
HEADLESS_FRONTEND_URL = env_str("HEADLESS_FRONTEND_URL", "").rstrip("/")
if HEADLESS_FRONTEND_URL:
    HEADLESS_FRONTEND_URLS = {
        "account_confirm_email": f"{HEADLESS_FRONTEND_URL}/#/konto/bestaetigen/{{key}}",
        "account_reset_password_from_key": f"{HEADLESS_FRONTEND_URL}/#/konto/passwort/{{key}}",
        "account_signup": f"{HEADLESS_FRONTEND_URL}/#/konto/registrieren",
    }

# Editors preview drafts in the city's front end (wagtail-headless-preview):
# it gets ?content_type=...&token=... and reads the draft from
# /api/v2/page_preview/. Without HEADLESS_PREVIEW_URL previews stay in the portal.
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL", "")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL or "{SITE_ROOT_URL}"},
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}
