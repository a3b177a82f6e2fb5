"""What participants do with proposals: one function per action, each holding its rules.

They take a ``Participant`` and plain values (never a request), check the
rule (``proposals.rules``), and store in one transaction: nothing is half
stored. Supports lock the proposal's row (``SELECT ... FOR UPDATE``), so
the support row and the counter change together and concurrent supports
queue up on that row: none is lost, none doubled; the unique constraint
(``one_support_per_account``) stands behind it.

Later steps call in here: notifications (a signal after commit), the API
(the same functions), the moderation queue (``publish``/``reject``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from participation import text_hygiene
from participation.participants import Participant
from participation.refusals import Conflict, InvalidInput, NotFound, Refusal
from proposals import events, moderation, rules, uploads
from proposals.locations import clean_location
from proposals.models import (
    ANSWER_MAX,
    DESCRIPTION_MAX,
    TITLE_MAX,
    IdeaCollection,
    Moderation,
    ModerationMode,
    Proposal,
    ProposalAnswer,
    ProposalModerationAction,
    Support,
)
from proposals.uploads import NewImage


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal


def _field_error(field: str, message: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors=[{"field": field, "message": message}])


def _clean(field: str, value, limit: int, empty_message: str) -> str:
    try:
        text = text_hygiene.clean_text(value if isinstance(value, str) else "")
    except text_hygiene.TextRefused as refusal:
        raise _field_error(field, refusal.message, refusal.code) from None
    if text_hygiene.is_blank(text):
        raise _field_error(field, empty_message, f"{field}_empty")
    if len(text) > limit:
        message = _("Please use at most %(limit)d characters (it has %(length)d).") % {
            "limit": limit,
            "length": len(text),
        }
        raise _field_error(field, message, f"{field}_too_long")
    return text


def clean_values(
    collection: IdeaCollection,
    *,
    title,
    description,
    category,
    district,
    latitude=None,
    longitude=None,
    address="",
    more_errors=(),
) -> dict:
    """The proposal's fields, cleaned; every fault at once (with ``more_errors``), each named."""
    values, errors = {}, []
    for field, value, limit, empty in (
        ("title", title, TITLE_MAX, _("Please give your proposal a title.")),
        ("description", description, DESCRIPTION_MAX, _("Please describe your proposal.")),
    ):
        try:
            values[field] = _clean(field, value, limit, empty)
        except InvalidInput as refusal:
            errors += refusal.errors
    categories = list(collection.topics.all())
    if categories and category is None:
        errors.append({"field": "category", "message": _("Please choose a category.")})
    elif category is not None and category not in categories:
        errors.append(
            {"field": "category", "message": _("Please choose a category from the list.")}
        )
    place = clean_location(
        collection,
        latitude=latitude,
        longitude=longitude,
        address=address,
        district=district,
        errors=errors,
    )
    errors += more_errors
    if errors:
        raise InvalidInput(errors[0]["message"], code="invalid_proposal", errors=errors)
    return {**values, **place, "category": category}


def submit_proposal(
    participant: Participant,
    collection: IdeaCollection,
    *,
    title,
    description,
    category=None,
    district=None,
    images: Sequence[NewImage | None] = (),
    attachment=None,
    today: date | None = None,
    **place,
) -> Proposal:
    """A new proposal with its images and attachment: all of it stored, or nothing.

    ``place``: ``latitude``, ``longitude``, ``address`` (``proposals.locations``).
    """
    refuse(rules.submit_refusal(participant, collection, today))
    new_files, errors = uploads.clean_uploads(collection, images=images, attachment=attachment)
    values = clean_values(
        collection,
        title=title,
        description=description,
        category=category,
        district=district,
        more_errors=errors,
        **place,
    )
    moderation = (
        Moderation.PENDING if collection.moderation == ModerationMode.PRE else Moderation.PUBLISHED
    )
    new_files.write()
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                collection=collection, author=participant.user, moderation=moderation, **values
            )
            uploads.record(proposal, new_files)
    except BaseException:
        new_files.discard()
        raise
    return proposal


def _unlocked(proposal_id) -> Proposal:
    try:
        return Proposal.objects.select_related("collection__page").get(pk=proposal_id)
    except (Proposal.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(_("There is no such proposal."), code="proposal_not_found") from error


def _locked(proposal_id) -> Proposal:
    """The proposal, its row locked until the transaction ends (only its own row)."""
    try:
        return (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("collection__page")
            .get(pk=proposal_id)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(_("There is no such proposal."), code="proposal_not_found") from error


def _ids(values) -> set[int]:
    return {int(value) for value in values if str(value).isdigit()}


def edit_proposal(
    participant: Participant,
    proposal_id,
    *,
    title,
    description,
    category=None,
    district=None,
    images: Sequence[NewImage | None] = (),
    attachment=None,
    remove_images=(),
    remove_attachment=False,
    **place,
) -> Proposal:
    """Only while nobody supports it: checked again under the row lock, so no support slips in.

    The uploads are checked and written before the lock (decoding images
    takes a while) and taken away again if the transaction fails.
    """
    current = _unlocked(proposal_id)
    refuse(rules.edit_refusal(participant, current))
    remove_images = _ids(remove_images)
    kept = current.images.exclude(pk__in=remove_images).count()
    new_files, errors = uploads.clean_uploads(
        current.collection, images=images, attachment=attachment, kept_images=kept
    )
    values = clean_values(
        current.collection,
        title=title,
        description=description,
        category=category,
        district=district,
        more_errors=errors,
        **place,
    )
    new_files.write()
    try:
        with transaction.atomic():
            proposal = _locked(proposal_id)
            refuse(rules.edit_refusal(participant, proposal))
            for name, value in values.items():
                setattr(proposal, name, value)
            proposal.save()
            uploads.record(
                proposal,
                new_files,
                remove_images=remove_images,
                remove_attachment=bool(remove_attachment),
            )
    except BaseException:
        new_files.discard()
        raise
    return proposal


def withdraw_proposal(participant: Participant, proposal_id) -> Proposal:
    with transaction.atomic():
        proposal = _locked(proposal_id)
        refuse(rules.withdraw_refusal(participant, proposal))
        proposal.withdrawn_at = timezone.now()
        proposal.save(update_fields=["withdrawn_at", "updated_at"])
    return proposal


def support(participant: Participant, proposal_id, today: date | None = None) -> int:
    """Adds the account's support; returns the new count."""
    try:
        with transaction.atomic():
            proposal = _locked(proposal_id)
            refuse(rules.support_refusal(participant, proposal, today))
            if Support.objects.filter(proposal=proposal, user=participant.user).exists():
                raise Conflict(_("You already support this proposal."), code="already_supported")
            Support.objects.create(proposal=proposal, user=participant.user)
            Proposal.objects.filter(pk=proposal.pk).update(
                support_count=F("support_count") + 1, updated_at=timezone.now()
            )
    except IntegrityError as error:
        raise Conflict(_("You already support this proposal."), code="already_supported") from error
    return proposal.support_count + 1


def unsupport(participant: Participant, proposal_id, today: date | None = None) -> int:
    """Takes the account's support back while supports are open; returns the new count."""
    with transaction.atomic():
        proposal = _locked(proposal_id)
        refuse(rules.unsupport_refusal(participant, proposal, today))
        deleted, _details = Support.objects.filter(
            proposal=proposal, user=participant.user
        ).delete()
        if not deleted:
            raise Conflict(_("You do not support this proposal."), code="not_supported")
        Proposal.objects.filter(pk=proposal.pk).update(
            support_count=F("support_count") - 1, updated_at=timezone.now()
        )
    return proposal.support_count - 1


def publish_proposal(participant: Participant, proposal_id) -> Proposal:
    """A moderator publishes a pending (or hidden) proposal, logged (``proposals.moderation``)."""
    return moderation.moderate_one(participant, proposal_id, ProposalModerationAction.PUBLISH)


def office_of(proposal: Proposal) -> str:
    """The answering unit's name, as the answer shows it (never a person's)."""
    department = proposal.collection.page.department
    return department.name if department is not None else _("City administration")


def _answer_text(text) -> str:
    if text is None or (isinstance(text, str) and not text.strip()):
        return ""
    return _clean("text", text, ANSWER_MAX, _("Please write an answer."))


def latest_answer_id(proposal) -> int:
    """The id of the proposal's latest official answer; 0 without one."""
    return proposal.answers.order_by("-created_at", "-pk").values_list("pk", flat=True).first() or 0


def answer_proposal(user, proposal_id, *, state, text="", after_answer=None) -> ProposalAnswer:
    """The department's official answer: the new state and its text, in one transaction.

    Checked under the proposal's row lock, so two editors answering at once
    queue up and the second is checked against the state the first set.
    ``after_answer``: the latest answer the editor saw (its id, 0 for none);
    if someone answered since, the answer is refused, so a form opened
    before a colleague's answer cannot undo it unread. Followers and the
    author hear of it once it has committed (``proposals.events.proposal_answered``).
    """
    proposal_id = getattr(proposal_id, "pk", proposal_id)
    with transaction.atomic():
        proposal = _locked(proposal_id)
        refuse(rules.answer_refusal(user, proposal))
        if after_answer is not None and latest_answer_id(proposal) != after_answer:
            raise Conflict(
                _(
                    "Someone else has answered this proposal in the meantime. Please read "
                    "the new answer above; your text is kept, send it again if it still fits."
                ),
                code="answered_meanwhile",
            )
        cleaned = _answer_text(text)
        refuse(rules.answer_refusal(user, proposal, state, cleaned))
        answer = ProposalAnswer.objects.create(
            proposal=proposal, state=state, text=cleaned, office=office_of(proposal)
        )
        proposal.state = state
        proposal.save(update_fields=["state", "updated_at"])
        events.announce_answered(proposal, answer)
    return answer
