"""The demo's two themes (demo/data/themes.yaml): the default site's and a second site's.

The second Wagtail Site (``jena.localhost``, which browsers resolve to this
machine) shows the same pages as the default site with the "Jena-like"
theme, so both themes can be compared side by side; its portal settings
(operator, legal pages) are copied from the default site.
"""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils.file import hash_filelike

from pages.models import PortalSettings
from theming.models import ThemeSettings

from .data import media_bytes, read

THEMES = read("themes")
COPIED_PORTAL_SETTINGS = (
    "operator_name",
    "contact_email",
    "imprint_page",
    "privacy_page",
    "accessibility_page",
    "terms_page",
)


def theme_image(data: dict):
    """Finds the image by title; stores its file (demo/data/theme/) only if it is missing."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=data["title"]).first()
    if image is None:
        content = media_bytes("theme", data["file"])
        image = image_model(
            title=data["title"],
            file=ImageFile(io.BytesIO(content), name=data["file"]),
            file_size=len(content),
            file_hash=hash_filelike(io.BytesIO(content)),
        )
        image.save()
    return image


def apply_theme(site: Site, name: str) -> ThemeSettings:
    """Gives ``site`` the demo theme ``name``; also used by the accessibility audit."""
    data = THEMES[name]
    theme = ThemeSettings.for_site(site)
    theme.primary_colour = data["primary_colour"]
    theme.secondary_colour = data["secondary_colour"]
    theme.font = data["font"]
    theme.operator_address = data.get("operator_address", "")
    theme.logo = theme_image(data["logo"]) if "logo" in data else None
    theme.logo_alt = data["logo"]["alt"] if "logo" in data else ""
    theme.icon = theme_image(data["icon"]) if "icon" in data else None
    theme.social_links = [
        ("link", {"label": link["label"], "url": link["url"]})
        for link in data.get("social_links", ())
    ]
    theme.footer_logos = [
        ("logo", {"image": theme_image(logo), "alt": logo["alt"], "link": logo.get("link", "")})
        for logo in data.get("footer_logos", ())
    ]
    theme.save()
    return theme


def load_demo_themes(site: Site) -> Site:
    """The default theme on ``site``, the Jena-like one on a second site; returns that site."""
    apply_theme(site, "standard")
    data = THEMES["jena"]
    second, _ = Site.objects.update_or_create(
        hostname=data["hostname"],
        port=site.port,
        defaults={"site_name": data["site_name"], "root_page": site.root_page},
    )
    source = PortalSettings.for_site(site)
    target = PortalSettings.for_site(second)
    for field in COPIED_PORTAL_SETTINGS:
        setattr(target, field, getattr(source, field))
    target.save()
    apply_theme(second, "jena")
    return second
