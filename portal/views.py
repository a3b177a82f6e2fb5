from django.conf import settings
from django.views.static import serve

from portal import health


def healthz(request):
    """Liveness (normally answered by portal.health.HealthCheckMiddleware first)."""
    return health.liveness_response()


def readyz(request):
    """Readiness (normally answered by portal.health.HealthCheckMiddleware first)."""
    return health.readiness_response()


def media(request, path):
    """Uploaded files, for development and tests only (MEDIA_ROOT is read per request)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
