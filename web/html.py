"""Refusals on HTML pages: the status a page answers with, and its headers.

The form that was refused is shown again with the refusal's message next
to it (each app's view puts it into the page's form state); this module
only decides what the response says around it.
"""

from django.http import HttpResponse

from participation.refusals import Refusal
from web.problems import Problem, as_problem


def refused_page(response: HttpResponse, refusal: Refusal | Problem) -> HttpResponse:
    """Gives a re-rendered page the refusal's status and headers (Retry-After).

    A page is no place for 401 (it asks for HTTP authentication): a refusal
    for want of signing in answers 403, and the page offers the sign-in.
    """
    problem = as_problem(refusal)
    response.status_code = 403 if problem.status == 401 else problem.status
    for name, value in problem.headers.items():
        response[name] = value
    return response
