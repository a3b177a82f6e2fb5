"""The signed-in citizen's own things under /api/v1/me/: "Meine Daten" and consents.

Session (with CSRF for writes) or app token, like every write of the
participation API; the documents in force (``GET /me/consents``) are open
to everyone, so that a signup form can link them. Answers are personal (``Cache-Control: private,
no-store``). The export is rate-limited per account: it reads everything.
"""

from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from accounts import data_export
from accounts.consent import current_versions, document_links, record_consents
from accounts.portal_settings import portal_settings
from participation import ratelimit
from participation.refusals import InvalidInput
from web.auth import signed_in_session
from web.requests import is_reading
from web.schemas import ProblemOut

router = Router(tags=["me"])


class SectionOut(Schema):
    key: str = Field(description="profile, email_addresses, consents, comments, ballots, ...")
    title: str
    description: str
    fields: dict[str, str] = Field(description="The items' keys with their labels")
    items: list[dict[str, Any]]


class PersonalDataOut(Schema):
    format_version: int
    portal: str
    operator: str
    generated_at: datetime
    sections: list[SectionOut]


class DocumentOut(Schema):
    document: str = Field(description="privacy or terms")
    title: str
    version: str
    url: str | None = Field(description="Where the document is published")
    agreed: bool = Field(description="Whether this account agreed to this version")


class ConsentRecordOut(Schema):
    document: str
    version: str
    given_at: datetime


class ConsentsOut(Schema):
    required: bool = Field(description="True until the account agrees to every document")
    documents: list[DocumentOut]
    history: list[ConsentRecordOut]


class ConsentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    consent: bool = Field(description="true: the privacy notice read, the terms accepted")


def private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/data",
    response={200: PersonalDataOut, 401: ProblemOut, 429: ProblemOut},
    auth=signed_in_session,
    summary="Meine Daten: everything the portal holds about the signed-in account",
)
def my_data(request, response: HttpResponse):
    ratelimit.hit("data_export_per_account", f"user:{request.user.pk}", reading=is_reading(request))
    site_settings = portal_settings(request)
    private(response)
    return data_export.collect(
        request.user, operator_name=getattr(site_settings, "operator_name", "")
    )


def consents_of(request) -> dict:
    """The documents in force and what the visitor agreed to (nothing, when not signed in)."""
    user = request.user
    versions = current_versions()
    given = list(user.consents.all()) if user.is_authenticated else []
    agreed = {(consent.document, consent.version) for consent in given}
    documents = [
        {
            "document": link["document"],
            "title": str(link["title"]),
            "version": link["version"],
            "url": link["page"].get_full_url(request) if link["page"] is not None else None,
            "agreed": (link["document"], link["version"]) in agreed,
        }
        for link in document_links(request)
    ]
    return {
        "required": not all((name, version) in agreed for name, version in versions.items()),
        "documents": documents,
        "history": [
            {"document": c.document, "version": c.version, "given_at": c.given_at} for c in given
        ],
    }


@router.get(
    "/consents",
    response={200: ConsentsOut},
    auth=None,
    summary="The privacy notice and terms of use in force, and what the visitor agreed to",
    description="Open to everyone, so that a signup form can link the documents.",
)
def my_consents(request, response: HttpResponse):
    private(response)
    return consents_of(request)


@router.post(
    "/consents",
    response={200: ConsentsOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut},
    auth=signed_in_session,
    summary="Agree to the privacy notice and terms of use in force",
)
def agree(request, response: HttpResponse, payload: ConsentIn):
    if not payload.consent:
        raise InvalidInput(
            _("Please confirm this to continue."),
            errors=[{"field": "consent", "message": _("Please confirm this to continue.")}],
            code="consent_missing",
        )
    record_consents(request.user)
    private(response)
    return consents_of(request)
