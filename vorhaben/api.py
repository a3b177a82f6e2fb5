"""The Vorhabenliste in the API under /api/v1/vorhaben/: read only, publicly listed Vorhaben only.

The same queryset as the page (``Vorhaben.objects.publicly_listed()``);
anything else answers 404 as if it did not exist.
"""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema

from participation.refusals import NotFound
from vorhaben.models import Vorhaben
from web.schemas import ProblemOut

router = Router(tags=["vorhaben"])


class ReferenceOut(Schema):
    id: int
    name: str


class VorhabenOut(Schema):
    id: int
    title: str
    goal: str
    open_to_decision: str
    status: str
    status_label: str
    planned_start: date | None
    planned_end: date | None
    procedure: str
    legal_basis: str
    formats: list[str]
    department: ReferenceOut
    districts: list[ReferenceOut]
    project_url: str | None


def vorhaben_out(vorhaben: Vorhaben) -> dict:
    project = vorhaben.live_project()
    return {
        "id": vorhaben.pk,
        "title": vorhaben.title,
        "goal": vorhaben.goal,
        "open_to_decision": vorhaben.open_to_decision,
        "status": vorhaben.state,
        "status_label": str(vorhaben.get_state_display()),
        "planned_start": vorhaben.planned_start,
        "planned_end": vorhaben.planned_end,
        "procedure": vorhaben.procedure,
        "legal_basis": vorhaben.legal_basis,
        "formats": list(vorhaben.formats),
        "department": {"id": vorhaben.department_id, "name": vorhaben.department.name},
        "districts": [{"id": d.pk, "name": d.name} for d in vorhaben.districts.all()],
        "project_url": project.full_url if project else None,
    }


@router.get("/", response={200: list[VorhabenOut]}, auth=None)
def list_vorhaben(request):
    """The publicly listed Vorhaben (accepted or in progress, marked public)."""
    listed = Vorhaben.objects.publicly_listed().for_listing().order_by("planned_start", "title")
    return [vorhaben_out(vorhaben) for vorhaben in listed]


@router.get("/{vorhaben_id}", response={200: VorhabenOut, 404: ProblemOut}, auth=None)
def read_vorhaben(request, vorhaben_id: int):
    vorhaben = Vorhaben.objects.publicly_listed().for_listing().filter(pk=vorhaben_id).first()
    if vorhaben is None:
        raise NotFound(_("There is no such planned participation."), code="vorhaben_not_found")
    return vorhaben_out(vorhaben)
