"""The one problem schema of the participation API (RFC 9457, application/problem+json)."""

from ninja import Schema


class ProblemError(Schema):
    field: str
    message: str


class ProblemOut(Schema):
    """An RFC 9457 problem (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[ProblemError] = []
    instance: str | None = None


def problem_responses(*statuses: int) -> dict[int, type[ProblemOut]]:
    """An operation's error answers for ninja's ``response=``: each status a problem body."""
    return dict.fromkeys(statuses, ProblemOut)
