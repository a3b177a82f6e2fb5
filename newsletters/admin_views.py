"""The newsletter's admin views: each finds a newsletter only among those the user's roles reach.

Anything else does not exist for the user (404). Preview, test mail,
schedule and send call one service each; sending asks for a confirmation
that states the number of recipients first.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from newsletters import audience, figures, services
from newsletters.admin_forms import ScheduleForm
from newsletters.models import EDITABLE_STATUSES, Newsletter
from newsletters.renderers import newsletter_mail
from participation.refusals import Refusal

READ_ACTIONS = ["view", "change"]


def policy():
    return policy_registry.get_by_type(Newsletter)


def reachable(user, actions=READ_ACTIONS):
    return policy().instances_user_has_any_permission_for(user, actions)


def figures_column(name):
    def accessor(newsletter):
        cached = getattr(newsletter, "_figures", None)
        if cached is None:
            cached = newsletter._figures = figures.figures_of(newsletter)
        return getattr(cached, name) if newsletter.sent_at else "-"

    return accessor


class HiddenFromOthersMixin:
    """Without any right on newsletters, the register does not exist (404, not 'refused')."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            raise Http404 from denied


class ReachableMixin:
    def get_queryset(self):
        return reachable(self.request.user)

    def get_base_object_queryset(self):
        return reachable(self.request.user)


class NewsletterIndexView(HiddenFromOthersMixin, generic.IndexView):
    def get_base_queryset(self):
        return reachable(self.request.user).select_related("department")


class NewsletterCreateView(HiddenFromOthersMixin, generic.CreateView):
    def save_instance(self):
        newsletter = self.form.save(commit=False)
        newsletter.created_by = self.request.user
        newsletter.save()
        log(instance=newsletter, action="wagtail.create", user=self.request.user)
        return newsletter

    def get_success_url(self):
        return reverse("newsletters:inspect", args=(self.object.pk,))


class NewsletterEditView(HiddenFromOthersMixin, ReachableMixin, generic.EditView):
    def dispatch(self, request, *args, **kwargs):
        newsletter = get_object_or_404(reachable(request.user), pk=kwargs.get("pk"))
        if newsletter.status not in EDITABLE_STATUSES:
            messages.info(request, _("A newsletter that was sent cannot be changed."))
            return redirect("newsletters:inspect", newsletter.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("newsletters:inspect", args=(self.object.pk,))


class NewsletterDeleteView(HiddenFromOthersMixin, ReachableMixin, generic.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        newsletter = get_object_or_404(reachable(request.user), pk=kwargs.get("pk"))
        if newsletter.sent_at is not None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class NewsletterHistoryView(ReachableMixin, generic.HistoryView):
    pass


class NewsletterUsageView(ReachableMixin, generic.UsageView):
    pass


class NewsletterInspectView(generic.InspectView):
    template_name = "newsletters/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(reachable(self.request.user), pk=self.pk)

    def get_edit_url(self):
        if self.object.status in EDITABLE_STATUSES:
            return reverse(self.edit_url_name, args=(self.object.pk,))
        return None

    def get_delete_url(self):
        if self.object.sent_at is None:
            return reverse(self.delete_url_name, args=(self.object.pk,))
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        newsletter = self.object
        context.update(
            editable=newsletter.status in EDITABLE_STATUSES,
            figures=figures.figures_of(newsletter) if newsletter.sent_at else None,
            schedule_form=ScheduleForm(),
        )
        return context


class NewsletterMixin(WagtailAdminTemplateMixin):
    """A view on one newsletter the user reaches; the rest is 404."""

    header_icon = "mail"

    def dispatch(self, request, *args, pk, **kwargs):
        self.newsletter = get_object_or_404(reachable(request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("newsletters:index"), "label": gettext_lazy("Newsletters")},
            {
                "url": reverse("newsletters:inspect", args=(self.newsletter.pk,)),
                "label": self.newsletter.subject,
            },
            {"url": "", "label": self.page_title},
        ]

    def back(self):
        return redirect("newsletters:inspect", self.newsletter.pk)


class PreviewView(NewsletterMixin, TemplateView):
    template_name = "newsletters/admin/preview.html"
    page_title = gettext_lazy("Preview")

    def get_context_data(self, **kwargs):
        message = newsletter_mail(self.newsletter, user_id=self.request.user.pk, test=False)
        return super().get_context_data(
            newsletter=self.newsletter,
            mail_subject=message.subject,
            mail_text=message.body,
            mail_html=message.alternatives[0].content,
            **kwargs,
        )


class TestSendView(NewsletterMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.send_test(request.user, self.newsletter)
        except Refusal as refusal:
            messages.error(request, refusal.detail)
        else:
            messages.success(
                request,
                _("A test mail is on its way to %(email)s.") % {"email": request.user.email},
            )
        return self.back()


class ScheduleView(NewsletterMixin, FormView):
    form_class = ScheduleForm
    template_name = "newsletters/admin/schedule.html"
    page_title = gettext_lazy("Schedule")

    def get_initial(self):
        return {"scheduled_at": self.newsletter.scheduled_at}

    def get_context_data(self, **kwargs):
        return super().get_context_data(newsletter=self.newsletter, **kwargs)

    def form_valid(self, form):
        try:
            services.schedule(self.request.user, self.newsletter, form.cleaned_data["scheduled_at"])
        except Refusal as refusal:
            for error in refusal.errors:
                form.add_error(error["field"], error["message"])
            if not refusal.errors:
                form.add_error(None, refusal.detail)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The newsletter will be sent on %(when)s.")
            % {
                "when": timezone.localtime(form.cleaned_data["scheduled_at"]).strftime(
                    "%d.%m.%Y %H:%M"
                )
            },
        )
        return self.back()

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class UnscheduleView(NewsletterMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.unschedule(request.user, self.newsletter)
        messages.success(request, _("The newsletter is a draft again."))
        return self.back()


class SendView(NewsletterMixin, TemplateView):
    """GET asks for the confirmation with the number of recipients; POST sends."""

    template_name = "newsletters/admin/send.html"
    page_title = gettext_lazy("Send now")

    @cached_property
    def recipient_count(self):
        return audience.count(audience.targets_of(self.newsletter))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            newsletter=self.newsletter,
            recipient_count=self.recipient_count,
            editable=self.newsletter.status in EDITABLE_STATUSES,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.start_sending(request.user, self.newsletter)
        except Refusal as refusal:
            messages.error(request, refusal.detail)
        else:
            messages.success(request, _("The newsletter is being sent."))
        return self.back()
