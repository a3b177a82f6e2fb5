"""The demo's two themes (demo/data/themes.yaml), one of them on the site.

``load_demo_content`` gives the site the default theme ("standard");
``load_demo_content --theme jena`` the "Jena-like" one. A second Wagtail
Site on the same pages would show both side by side, but Wagtail then
writes absolute page URLs wherever it has no request (redirects, mails) with
the sites' configured port, which the demo on localhost:8000 does not
serve: so one site, and a switch.
"""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils.file import hash_filelike

from theming.models import ThemeSettings

from .data import media_bytes, read

THEMES = read("themes")


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


def load_demo_themes(site: Site, name: str = "standard") -> ThemeSettings:
    """The demo theme ``name`` on ``site``; every theme's images are stored either way."""
    for data in THEMES.values():
        for image in (data.get("logo"), data.get("icon"), *data.get("footer_logos", ())):
            if image:
                theme_image(image)
    return apply_theme(site, name)
