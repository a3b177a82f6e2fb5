from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.csp import CSP


class PortalLocaleMiddleware(LocaleMiddleware):
    """German unless the visitor chose otherwise.

    Citizen pages follow the language cookie set by the language switch and
    otherwise stay in the city's language (``LANGUAGE_CODE``), whatever the
    browser's Accept-Language says: a German city portal should not turn
    English because a browser was installed in English. API clients do send
    Accept-Language on purpose, so under ``/api/`` it is honoured.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if request.path.startswith("/api/"):
            return super().process_response(request, response)
        # Citizen pages follow the language cookie only: no "Vary: Accept-Language", which
        # would split a shared cache's copy of a page by every browser's language list.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def framed_by_the_admin(request) -> bool:
    """The admin and Wagtail's previews, which the admin shows in an iframe of its own."""
    return request.path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX) or getattr(
        request, "is_dummy", False
    )


class AdminFramingMiddleware:
    """One framing policy: same-origin framing for the admin and its previews, none elsewhere.

    Sits below Django's ``XFrameOptionsMiddleware`` (``DENY`` for the rest),
    so its header is set first; it matches ``frame-ancestors`` in the Content
    Security Policy below. Wagtail renders a preview as a simulated request
    for the page's public URL (marked ``is_dummy``), so a preview is
    recognised by that flag, not by its path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if framed_by_the_admin(request) and not getattr(response, "xframe_options_exempt", False):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


def preview_policy(public_policy: dict) -> dict:
    """The public page's strict policy, framed by the admin, framing the preview front end."""
    policy = {**public_policy, "frame-ancestors": [CSP.SELF]}
    front_end = getattr(settings, "HEADLESS_PREVIEW_URL", "")
    if front_end:
        parts = urlsplit(front_end)
        policy["frame-src"] = [
            *public_policy.get("frame-src", []),
            f"{parts.scheme}://{parts.netloc}",
        ]
    return policy


class PortalContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware with a relaxed policy for the Wagtail admin.

    The admin's page editor emits inline scripts and styles without a nonce;
    the public site keeps the strict ``SECURE_CSP``. A preview of a public
    page keeps the strict policy but may be framed by the admin (Wagtail's
    preview panel) and may frame the city's front end (headless previews).
    """

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config"):
            if getattr(request, "is_dummy", False):
                response._csp_config = preview_policy(settings.SECURE_CSP)
            elif request.path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX):
                response._csp_config = settings.PORTAL_ADMIN_CSP
        return super().process_response(request, response)
