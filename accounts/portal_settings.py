"""The portal's site settings (operator, legal pages), looked up without importing the pages app."""

from django.apps import apps


def portal_settings(request):
    """``pages.PortalSettings`` of the request's site, or None outside a request."""
    if request is None:
        return None
    return apps.get_model("pages", "PortalSettings").for_request(request)
