from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from departments.models import Department
from pages.models import ContactPerson, District, Topic
from web.shared_pages import mark_page


@hooks.register("before_serve_page", order=100)
def mark_served_page(page, request, serve_args, serve_kwargs):
    """After Wagtail's view-restriction check passed: the page may be shared (web.shared_pages)."""
    mark_page(request, page)


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "slug"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "role", "department"]


class ReferenceDataGroup(SnippetViewSetGroup):
    """Departments, topics, districts and contacts under one menu item."""

    menu_label = _("Reference data")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (DepartmentViewSet, TopicViewSet, DistrictViewSet, ContactPersonViewSet)


register_snippet(ReferenceDataGroup)
