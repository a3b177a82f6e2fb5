"""Re-rendering the Wagtail page a form was posted from.

Polls and comments live inside pages, but their forms post to the apps'
own URLs. On success those views redirect back (POST-redirect-GET). On
failure they re-render the host page with the errors and the visitor's
input in place, and an honest status code (400, 403, 409, 429), so the
form works without JavaScript and screen readers find the message where
the form is.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from web.page_access import page_access_from_request


def live_host_page(request, page_id) -> Page:
    """The live page the visitor posted from, if they may see it; else 404.

    A page of another site, or one the visitor may not open, answers as if
    it did not exist: a 403 would confirm that there is something to hide.
    """
    try:
        page = Page.objects.live().specific().get(pk=int(page_id))
    except (Page.DoesNotExist, TypeError, ValueError, OverflowError) as error:
        raise Http404("Unknown page") from error
    if not page_access_from_request(request).may_view(page):
        raise Http404("Unknown page")
    return page


def render_host_page(request, page: Page, status: int, **form_state):
    """Renders ``page`` as a GET would, with ``form_state`` for the blocks to pick up.

    Blocks read it from ``request.portal_form_state`` (a dict), e.g. the
    submitted answers and errors of one poll.
    """
    request.portal_form_state = {**getattr(request, "portal_form_state", {}), **form_state}
    response = page.serve(request)
    response.status_code = status
    return response


def redirect_to_host(request, page: Page, fragment: str = ""):
    url = page.get_url(request=request) or "/"
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = "/"
    return redirect(f"{url}#{fragment}" if fragment else url)
