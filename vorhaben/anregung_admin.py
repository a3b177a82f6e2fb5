"""Citizens' Anregungen in the admin: the team reads all, a unit's editors those of their units.

Staff only mark an Anregung answered or closed; its text stays as the
citizen wrote it.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from vorhaben.anregungen import anregungen_for, mark_answered
from vorhaben.models import Anregung


class AnregungPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        return (
            action in ("view", "change")
            and self.user_has_permission(user, action)
            and anregungen_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, a) for a in actions if a in ("view", "change")):
            return self.model._default_manager.filter(Q(pk__in=[]))
        return anregungen_for(user)


class AnregungIndexView(generic.IndexView):
    def get_base_queryset(self):
        return anregungen_for(self.request.user)


class AnregungEditView(generic.EditView):
    def get_object(self, queryset=None):
        return get_object_or_404(anregungen_for(self.request.user), pk=self.object_pk)

    def save_instance(self):
        return mark_answered(
            self.request.user, self.object, answered=self.form.cleaned_data["answered"]
        )


class AnregungInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(anregungen_for(self.request.user), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value


class AnregungViewSet(ModelViewSet):
    model = Anregung
    name = "anregungen"
    icon = "mail"
    menu_label = _("Suggestions (Anregungen)")
    index_view_class = AnregungIndexView
    edit_view_class = AnregungEditView
    inspect_view_class = AnregungInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "subject",
        "department",
        "vorhaben",
        BooleanColumn("answered", label=_("answered or closed")),
        "created_at",
    ]
    list_filter = ["answered", "department"]
    search_fields = ["subject", "reason"]
    search_backend_name = None
    inspect_view_fields = [
        "subject",
        "reason",
        "department",
        "vorhaben",
        "email",
        "created_at",
        "answered",
        "answered_at",
    ]
    edit_handler = ObjectList([FieldPanel("answered")])
