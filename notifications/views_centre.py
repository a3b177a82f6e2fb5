"""The notification centre at /benachrichtigungen/: my notifications, marked read one by one or all.

Only what the citizen may still see (``notifications.centre``); the marks
are POSTs that redirect back, so they work without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notifications import centre
from notifications.views_follow import safe_next
from web.page_access import page_access_from_request


@login_required
@require_GET
def notification_centre(request):
    access = page_access_from_request(request)
    paginator = Paginator(centre.visible_notifications(access), centre.PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/centre.html",
        {
            "page_obj": page_obj,
            "notifications": page_obj.object_list,
            "paginator": paginator,
            "unread": centre.unread_count(access),
        },
    )


def back_to_centre(request):
    fallback = reverse("notifications:centre")
    return redirect(safe_next(request, request.POST.get("next", ""), fallback))


@login_required
@require_POST
def mark_read(request, notification_id):
    if not centre.mark_read(page_access_from_request(request), notification_id):
        raise Http404("Unknown notification")
    messages.success(request, _("The notification is marked as read."))
    return back_to_centre(request)


@login_required
@require_POST
def mark_all_read(request):
    centre.mark_all_read(page_access_from_request(request))
    messages.success(request, _("All notifications are marked as read."))
    return back_to_centre(request)
