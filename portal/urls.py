"""Composes the apps' URLs; each app owns its own routes."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.urls import allauth_urlpatterns
from portal import views
from portal.api.main import api

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(allauth_urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("polls/", include("polls.urls")),
    path("comments/", include("comments.urls")),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG or getattr(settings, "PORTAL_SERVE_MEDIA", False):
    # Development and the browser tests' live server; in production the web
    # server in front of the portal serves MEDIA_ROOT.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media, name="media")
    ]

# Wagtail's page tree serves everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
