"""Editors' previews in the city's own front end (wagtail-headless-preview).

With ``HEADLESS_PREVIEW_URL`` set, the preview in the Wagtail admin shows
that front end with ``?content_type=pages.projectpage&token=...``; the front
end reads the draft from ``/api/v2/page_preview/`` with the same two
parameters. Without it, previews stay in the portal as before.
"""

from django.conf import settings
from wagtail_headless_preview.models import HeadlessPreviewMixin

# A preview token is good for a day (the stored previews are collected daily).
PREVIEW_TOKEN_MAX_AGE = 24 * 3600


class PortalHeadlessPreviewMixin(HeadlessPreviewMixin):
    def serve_preview(self, request, preview_mode):
        if not settings.HEADLESS_PREVIEW_URL:
            return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)
        return super().serve_preview(request, preview_mode)
