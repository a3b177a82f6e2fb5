"""Composes the apps' URLs; each app owns its own routes."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_login import admin_login
from accounts.urls import allauth_urlpatterns
from newsletters.sitemaps import NewsletterSitemap
from pages.serving import serve as serve_page
from portal import restriction_passwords, server_errors, views
from portal.api import schema as api_schema
from portal.api.main import api
from portal.api.v2.router import api_router
from web import shared_pages

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The admin signs in through allauth's login flow and its one login policy;
    # passwords are reset on the account pages (accounts/admin_login.py).
    path("cms/login/", admin_login, name="wagtailadmin_login"),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("cms/", include(wagtailadmin_urls)),
    # Wagtail's password forms for restricted pages and documents, rate-limited.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        restriction_passwords.document_password,
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        restriction_passwords.page_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(allauth_urlpatterns)),
    # The language switch is on every shared page and changes nothing but a display
    # preference: it needs no CSRF token (web/shared_pages.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("form-token/", shared_pages.form_token, name="form_token"),
    path("api/v1/", api.urls),
    path("api/v2/", api_router.urls),
    path("api/schema/", api_schema.schema_view, name="api_schema"),
    path("api/docs/", api_schema.docs_view, name="api_docs"),
    # Citizen accounts for headless clients (allauth's browser and app endpoints).
    path("_allauth/openapi.json", api_schema.allauth_schema_view, name="allauth_openapi"),
    path("_allauth/", include("accounts.headless")),
    path("_allauth/", include("allauth.headless.urls")),
    path("polls/", include("polls.urls")),
    path("comments/", include("comments.urls")),
    path("search/", include("search.urls")),
    path("vorhabenliste/", include("vorhaben.urls")),
    path("ideen/", include("proposals.urls")),
    path("benachrichtigungen/", include("notifications.urls")),
    path("newsletter/", include("newsletters.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": PageSitemap, "newsletter": NewsletterSitemap}},
        name="sitemap",
    ),
    # Feeds and calendars (/feeds/..., /kalender/...): each app owns its own.
    path("feeds/", include("vorhaben.feed_urls")),
    # The sites' theme stylesheets and manifests, at versioned addresses (theming.views).
    path("theme/", include("theming.urls")),
    path("", include("pages.urls")),
]

if settings.DEBUG or getattr(settings, "PORTAL_SERVE_MEDIA", False):
    # Development and the browser tests' live server; in production the web
    # server in front of the portal serves MEDIA_ROOT.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media, name="media")
    ]

# Any other address under /api/ answers with a problem body, not an HTML page.
urlpatterns += [re_path(r"^api/", api_schema.api_not_found)]

# Wagtail's page tree serves everything else, so it comes last.
# The portal's serve view finds most routes in fewer queries (pages.serving), then hands over.
urlpatterns += [re_path(wagtail_urls.serve_pattern, serve_page), path("", include(wagtail_urls))]

# Server errors: a problem body under /api/ and /_allauth/, a 503 while the database is away.
handler400 = server_errors.bad_request
handler403 = server_errors.permission_denied
handler500 = server_errors.server_error
