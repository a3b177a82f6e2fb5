"""The theme of a site as the pages use it: stylesheet, logo, icons and footer, from the cache.

Like the site chrome (pages.chrome) it is read once per site and kept in the
cache until the theme settings, a site or an image change; a page then costs
no query for its theme. The stylesheet is CSS custom properties rendered from
the settings (no build step) and served at an address that names its
content's hash (theming.views), so browsers keep it for a year.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from pages.models import PortalSettings
from theming import colours, fonts
from theming.models import ThemeSettings

logger = logging.getLogger(__name__)
KEY = "portal:site-theme:{site}"
SECONDS = 24 * 3600
ICON_SIZES = {"favicon": 32, "apple_touch": 180, "manifest_192": 192, "manifest_512": 512}
LOGO_HEIGHT = 96  # twice the 48 px it is shown at, for sharp screens


def stylesheet(theme: ThemeSettings) -> str:
    """The theme's CSS: the @font-face rules of its font and the custom properties it sets."""
    return render_to_string(
        "theming/theme.css",
        {
            "colours": colours.derived(theme.primary_colour, theme.secondary_colour),
            "faces": fonts.font_faces(theme.font, static),
            "font_stack": fonts.font_stack(theme.font),
        },
    )


def is_default(theme: ThemeSettings) -> bool:
    """Nothing to add to portal.css's own values: no stylesheet to load."""
    return (
        theme.primary_colour == ThemeSettings._meta.get_field("primary_colour").default
        and theme.secondary_colour == ThemeSettings._meta.get_field("secondary_colour").default
        and theme.font == fonts.SYSTEM
    )


def _image(image, spec: str) -> dict:
    if image.is_svg():
        return {"url": image.file.url, "width": image.width, "height": image.height}
    rendition = image.get_rendition(spec)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def _icons(image) -> dict:
    if image is None or image.is_svg():  # the form refuses an SVG icon: no PNG from it
        return {}
    return {
        name: image.get_rendition(f"fill-{size}x{size}|format-png").url
        for name, size in ICON_SIZES.items()
    }


def _footer_logos(theme: ThemeSettings) -> list[dict]:
    logos = []
    for block in theme.footer_logos:
        image = block.value["image"]
        if image is not None:
            logos.append(
                {
                    **_image(image, "height-120"),
                    "alt": block.value["alt"],
                    "link": block.value["link"],
                }
            )
    return logos


def _logo(theme: ThemeSettings) -> dict | None:
    if theme.logo is None:
        return None
    return {**_image(theme.logo, f"height-{LOGO_HEIGHT}"), "alt": theme.logo_alt}


def read_theme(site: Site) -> dict:
    theme = ThemeSettings.objects.filter(site=site).select_related("logo", "icon").first()
    theme = theme or ThemeSettings(site=site)
    css = stylesheet(theme)
    version = hashlib.sha256(css.encode()).hexdigest()[:12]
    default = is_default(theme)
    try:
        icons = _icons(theme.icon)
        logo = _logo(theme)
        footer_logos = _footer_logos(theme)
    except SourceImageIOError:
        # An image file went missing: the pages show the operator's name, never an error.
        logger.exception("Theme images of site %s could not be read", site.pk)
        icons, logo, footer_logos = {}, None, []
    return {
        "css": css,
        "version": version,
        "css_url": None if default else reverse("theming:stylesheet", args=(site.pk, version)),
        "manifest_url": reverse("theming:manifest", args=(site.pk, version)) if icons else None,
        "primary": theme.primary_colour,
        "logo": logo,
        "icons": icons,
        "address_lines": [
            line.strip() for line in theme.operator_address.splitlines() if line.strip()
        ],
        "social_links": [dict(block.value) for block in theme.social_links],
        "footer_logos": footer_logos,
    }


def theme_for_site(site: Site) -> dict:
    key = KEY.format(site=site.pk)
    theme = cache.get(key)
    if theme is None:
        theme = read_theme(site)
        cache.set(key, theme, timeout=SECONDS)
    return theme


def site_theme(request) -> dict | None:
    site = Site.find_for_request(request) if request is not None else None
    return theme_for_site(site) if site is not None else None


def manifest(site: Site) -> dict:
    """The web app manifest: the portal's name, colours and icons."""
    theme = theme_for_site(site)
    operator = PortalSettings.objects.filter(site=site).values_list("operator_name", flat=True)
    name = operator.first() or PortalSettings._meta.get_field("operator_name").default
    return {
        "name": f"{gettext('Participation portal')} {name}",
        "short_name": name,
        "start_url": "/",
        "display": "standalone",
        "background_color": colours.BACKGROUND,
        "theme_color": theme["primary"],
        "icons": [
            {"src": theme["icons"][key], "sizes": f"{size}x{size}", "type": "image/png"}
            for key, size in (("manifest_192", 192), ("manifest_512", 512))
            if key in theme["icons"]
        ],
    }


def forget_theme(**kwargs) -> None:
    def forget():
        cache.delete_many([KEY.format(site=pk) for pk in Site.objects.values_list("pk", flat=True)])

    forget()
    transaction.on_commit(forget)


def connect() -> None:
    """Called from ThemingConfig.ready: every process forgets, whether or not it renders pages."""
    for model in (ThemeSettings, Site, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_theme,
                sender=model,
                weak=False,
                dispatch_uid=f"site-theme-{model.__name__}-{signal}",
            )
