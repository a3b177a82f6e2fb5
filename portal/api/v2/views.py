"""The v2 viewsets: Wagtail's, with the portal's filters, fields and error bodies.

What they show is what anonymous visitors may see on the HTML site: live
pages only (their published revision, never a draft), no page under a view
restriction the request does not pass (Wagtail's ``get_public_pages_queryset``),
no image or document in a restricted collection. Unknown query parameters
are a 400 problem naming them, on listings and details alike.
"""

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.utils.http import http_date
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
)
from wagtail.api.v2.serializers import PageParentField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from pages.api_fields import attach_listing_data
from pages.api_filters import PROJECT_FILTERS, ProjectFilter
from pages.models import ProjectPage
from pages.models.routing import load_served
from pages.preview import PREVIEW_TOKEN_MAX_AGE
from participation.refusals import InvalidInput, NotFound
from portal.api.v2.errors import problem_for
from portal.api.v2.filters import PortalFieldsFilter, PortalSearchFilter
from portal.api.v2.images import (
    DocumentFileTypeField,
    DocumentSizeField,
    ImageAltField,
    ImageRenditionsField,
)
from web.problems import problem_response

# Query parameters a detail view understands (listings also take filters).
DETAIL_PARAMETERS = frozenset({"fields", "rich_text_format", "site", "format", "_"})


def unknown_parameters(names) -> InvalidInput:
    names = sorted(names)
    return InvalidInput(
        _("Unknown query parameter(s): %(names)s.") % {"names": ", ".join(names)},
        errors=[{"field": name, "message": _("This parameter is not known.")} for name in names],
        code="unknown_parameter",
    )


class PortalViewSetMixin:
    """Problem+json errors and strict query parameters for every v2 endpoint."""

    def handle_exception(self, exc):
        problem = problem_for(exc)
        if problem is None:
            return super().handle_exception(exc)
        return problem_response(self.request._request, problem)

    def check_query_parameters(self, queryset):
        allowed = set(self.get_available_fields(queryset.model, db_fields_only=True))
        unknown = set(self.request.GET) - allowed - set(self.known_query_parameters)
        if unknown:
            raise unknown_parameters(unknown)

    def detail_view(self, request, pk):
        unknown = set(request.GET) - DETAIL_PARAMETERS
        if unknown:
            raise unknown_parameters(unknown)
        return super().detail_view(request, pk)


class VisibleParentField(PageParentField):
    """The parent, if visible: from the detail view when it has read it with the page."""

    def get_attribute(self, instance):
        if "_api_visible_parent" in instance.__dict__:
            return instance.__dict__["_api_visible_parent"]
        return super().get_attribute(instance)


class PortalPageSerializer(PageSerializer):
    parent = VisibleParentField(read_only=True)


class PortalPagesAPIViewSet(PortalViewSetMixin, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    filter_backends = [
        PortalFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ProjectFilter,
        OrderingFilter,
        PortalSearchFilter,  # last: search results cannot be filtered further
    ]
    # No translations (WAGTAIL_I18N_ENABLED is off): no locale filters.
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        PROJECT_FILTERS
    ).difference({"translation_of", "locale"})

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ProjectPage):
            queryset = queryset.for_listing()
        return queryset

    def get_base_queryset(self):
        # Asked for the object and again for the serializer's context: the
        # view restrictions and the site are read once per request.
        if not hasattr(self, "_portal_base_queryset"):
            self._portal_base_queryset = super().get_base_queryset()
        return self._portal_base_queryset

    def get_object(self):
        """The page as its specific type, loaded with what its fields show (``routed_queryset``)."""
        if not hasattr(self, "_portal_object"):
            base = super(PagesAPIViewSet, self).get_object()
            page = load_served(base.specific_class, base.pk, api=True) or base.specific
            # The parent if the request may see it, in one query (Wagtail's field takes two).
            parent_path = page.path[: -Page.steplen]
            page.__dict__["_api_visible_parent"] = (
                self.get_base_queryset().filter(path=parent_path).first() if parent_path else None
            )
            prepare = getattr(page, "prepare_for_api", None)
            if prepare is not None:
                prepare()
            self._portal_object = page
        return self._portal_object

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        attach_listing_data([page for page in pages if isinstance(page, ProjectPage)], self.request)
        return pages

    def detail_view(self, request, pk):
        response = super().detail_view(request, pk)
        published = self.get_object().last_published_at
        if published:
            response["Last-Modified"] = http_date(published.timestamp())
        return response


class PortalImagesAPIViewSet(PortalViewSetMixin, ImagesAPIViewSet):
    filter_backends = [PortalFieldsFilter, OrderingFilter, PortalSearchFilter]
    body_fields = [
        *ImagesAPIViewSet.body_fields,
        APIField("alt", serializer=ImageAltField()),
        APIField("renditions", serializer=ImageRenditionsField()),
    ]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "alt", "renditions"]


class PortalDocumentsAPIViewSet(PortalViewSetMixin, DocumentsAPIViewSet):
    filter_backends = [PortalFieldsFilter, OrderingFilter, PortalSearchFilter]
    body_fields = [
        *DocumentsAPIViewSet.body_fields,
        APIField("file_type", serializer=DocumentFileTypeField()),
        APIField("size", serializer=DocumentSizeField()),
    ]
    listing_default_fields = [*DocumentsAPIViewSet.listing_default_fields, "file_type", "size"]


class PagePreviewAPIViewSet(PortalPagesAPIViewSet):
    """The draft behind an editor's preview token (wagtail-headless-preview).

    ``GET /api/v2/page_preview/?content_type=pages.projectpage&token=...``;
    the token is signed and good for a day. Never cached.
    """

    known_query_parameters = frozenset({"content_type", "token", "fields", "rich_text_format"})

    def listing_view(self, request):
        self.check_query_parameters(self.get_queryset())
        # The preview is one page, shown with every field as in a detail view.
        self.action = "detail_view"
        page = self.get_object()
        return Response(self.get_serializer(page).data)

    def detail_view(self, request, pk):
        raise NotFound(_("There is nothing at this address."))

    def get_object(self):
        if not hasattr(self, "_preview_page"):
            self._preview_page = self.load_preview()
        return self._preview_page

    def load_preview(self):
        not_found = NotFound(_("This preview does not exist or has expired."), code="no_preview")
        label = self.request.GET.get("content_type", "")
        token = self.request.GET.get("token", "")
        app_label, _dot, model = label.partition(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model.lower())
        except ContentType.DoesNotExist:
            raise not_found from None
        page_class = content_type.model_class()
        if page_class is None or not issubclass(page_class, HeadlessPreviewMixin):
            raise not_found
        try:
            page_class.get_preview_signer().unsign(token, max_age=PREVIEW_TOKEN_MAX_AGE)
        except signing.BadSignature:
            raise not_found from None
        preview = PagePreview.objects.filter(content_type=content_type, token=token).first()
        if preview is None:
            raise not_found
        page = preview.as_page()
        if not page.pk:
            page.pk = 0
        return page
