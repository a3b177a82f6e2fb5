"""Why something is refused, without HTTP.

Rules (``*_refusal`` functions in each app's ``rules.py``) return a
``Refusal`` or None; services raise it. Each kind says what went wrong
(invalid input, not signed in, ...); the web edge (``web.problems``) alone
decides what that means on the wire: status, title, headers.

    raise Conflict(_("You have already voted."), code="already_voted")
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Refusal(Exception):
    """A refusal the participant can understand and act on.

    ``code`` is stable for clients (``already_voted``); ``detail`` is the
    sentence shown to the participant; ``errors`` name the fields at fault
    (``[{"field": "answers.3", "message": "..."}]``).
    """

    code: str = "bad_request"
    default_detail = gettext_lazy("Bad request")
    # A heading of its own; without one, the edge names the kind ("Not found").
    title = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict] | None = None,
        code: str | None = None,
    ):
        self.detail = str(detail) if detail is not None else str(self.default_detail)
        self.errors = errors or []
        if code:
            self.code = code
        super().__init__(self.detail)


class InvalidInput(Refusal):
    code = "invalid_input"
    default_detail = gettext_lazy("Invalid input")


class NotSignedIn(Refusal):
    code = "not_authenticated"
    default_detail = gettext_lazy("Sign-in required")


class Forbidden(Refusal):
    code = "forbidden"
    default_detail = gettext_lazy("Not allowed")


class NotFound(Refusal):
    code = "not_found"
    default_detail = gettext_lazy("Not found")


class Conflict(Refusal):
    code = "conflict"
    default_detail = gettext_lazy("Conflict")


class TooLarge(Refusal):
    code = "payload_too_large"
    default_detail = gettext_lazy("Request too large")


class RateLimited(Refusal):
    """Too many actions in a short time; ``retry_after`` seconds until the next one counts."""

    code = "rate_limited"
    default_detail = gettext_lazy("Too many requests")

    def __init__(self, retry_after: int, detail: str | None = None, **kwargs):
        self.retry_after = max(1, int(retry_after))
        super().__init__(
            detail
            or _("Too many requests. Please try again in %(seconds)d seconds.")
            % {"seconds": self.retry_after},
            **kwargs,
        )


class Unavailable(Refusal):
    """A part the action needs is away for a while (the search engine, say)."""

    code = "service_unavailable"
    default_detail = gettext_lazy("Service unavailable")

    def __init__(self, retry_after: int, detail: str | None = None, **kwargs):
        self.retry_after = max(1, int(retry_after))
        super().__init__(detail, **kwargs)
