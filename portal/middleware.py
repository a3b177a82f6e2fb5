from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.csp import CSP, build_policy
from django.utils.functional import SimpleLazyObject, empty

from web.page_cache import language_of

API_PREFIX = "/api/"
MISSING = object()
RENDERED_POLICIES = 16


class PortalLocaleMiddleware(LocaleMiddleware):
    """German unless the visitor chose otherwise.

    Citizen pages follow the language cookie set by the language switch and
    otherwise stay in the city's language (``LANGUAGE_CODE``), whatever the
    browser's Accept-Language says: a German city portal should not turn
    English because a browser was installed in English. API clients do send
    Accept-Language on purpose, so under ``/api/`` it is honoured.
    """

    def process_request(self, request):
        if request.path.startswith(API_PREFIX):
            return super().process_request(request)
        # The same choice the page cache keys its copies on.
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        """Outside ``/api/`` the language never comes from Accept-Language, so no ``Vary`` on it.

        Django's version also looks for a language prefix in the path (the
        portal has no ``i18n_patterns``) on every response; a shared cache
        keys citizen pages on the language cookie instead.
        """
        if request.path.startswith(API_PREFIX):
            return super().process_response(request, response)
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

    def __init__(self, get_response):
        super().__init__(get_response)
        # Rendered headers of the configured policies, for responses without a nonce.
        self.rendered = {}

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config"):
            if getattr(request, "is_dummy", False):
                response._csp_config = preview_policy(settings.SECURE_CSP)
            elif request.path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX):
                response._csp_config = settings.PORTAL_ADMIN_CSP
        if get_nonce(request):  # a template used the nonce: this response's own header
            return super().process_response(request, response)
        for header, attribute, setting in (
            (CSP.HEADER_ENFORCE, "_csp_config", "SECURE_CSP"),
            (CSP.HEADER_REPORT_ONLY, "_csp_ro_config", "SECURE_CSP_REPORT_ONLY"),
        ):
            config = getattr(response, attribute, MISSING)
            if config is MISSING:
                config = getattr(settings, setting)
            if config and header not in response:
                response.headers[str(header)] = self.policy(config)
        return response

    def policy(self, config: dict) -> str:
        """The header for ``config`` without a nonce, rendered once per policy and process."""
        rendered = self.rendered.get(id(config))
        # The entry holds the config itself, so its id cannot be reused meanwhile.
        if rendered is None or rendered[0] is not config:
            if len(self.rendered) >= RENDERED_POLICIES:  # previews make a policy each
                self.rendered.clear()
            rendered = self.rendered[id(config)] = (config, build_policy(config))
        return rendered[1]


class LazyMessageMiddleware(MessageMiddleware):
    """Django's messages, with the storage made only when a view or template asks for it.

    Most requests (API calls, feeds, ``/robots.txt``, cached pages) never
    touch messages; Django's middleware builds the cookie-and-session
    storage for each of them anyway, and looks at it again on the way out.
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if type(messages) is SimpleLazyObject and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
