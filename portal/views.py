from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve


@never_cache
def healthz(request):
    """Liveness and database check for load balancers and docker-compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return HttpResponse("ok", content_type="text/plain")


def media(request, path):
    """Uploaded files, for development and tests only (MEDIA_ROOT is read per request)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
