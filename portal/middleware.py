from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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


class PortalContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware with a relaxed policy for the Wagtail admin.

    The admin's page editor emits inline scripts and styles without a nonce;
    the public site keeps the strict ``SECURE_CSP``.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.PORTAL_ADMIN_CSP
        return super().process_response(request, response)
