"""The v2 endpoints, mounted at /api/v2/ by portal/urls.py."""

from wagtail.api.v2.router import WagtailAPIRouter

from portal.api.v2.views import (
    PagePreviewAPIViewSet,
    PortalDocumentsAPIViewSet,
    PortalImagesAPIViewSet,
    PortalPagesAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi_v2")
# "pages" before "page_preview": detail_url links of pages point to /pages/.
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
