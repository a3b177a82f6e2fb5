from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from portal import health


def healthz(request):
    """Liveness (normally answered by portal.health.HealthCheckMiddleware first)."""
    return health.liveness_response()


def readyz(request):
    """Readiness (normally answered by portal.health.HealthCheckMiddleware first)."""
    return health.readiness_response()


# Robots may read citizen pages; the admin, the account pages and allauth's
# endpoints are nothing to index. No query and no cache call: the portal's
# cheapest answer through the whole middleware stack (bench/pages measures it).
ROBOTS_DISALLOW = ("/accounts/", "/_allauth/")
ROBOTS_MAX_AGE = 24 * 3600


@require_safe
def robots_txt(request):
    """``/robots.txt``: what crawlers may index, and where the sitemap is."""
    lines = ["User-agent: *"]
    lines += [
        f"Disallow: {prefix}" for prefix in (settings.PORTAL_ADMIN_PATH_PREFIX, *ROBOTS_DISALLOW)
    ]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={ROBOTS_MAX_AGE}"
    return response


def media(request, path):
    """Uploaded files, for development and tests only (MEDIA_ROOT is read per request)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
