"""The theme of one city's portal (one Wagtail Site): logo, icons, colours, font, footer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

from theming import colours
from theming.fonts import FONT_CHOICES, SYSTEM
from theming.forms import ThemeSettingsForm

DEFAULT_PRIMARY = "#0a4f8f"
DEFAULT_SECONDARY = "#083a69"


def validate_hex(value: str) -> None:
    if not colours.is_hex(value):
        raise ValidationError(_("Enter a colour as #rrggbb, e.g. #0a4f8f."), code="invalid_colour")


class HttpsURLBlock(blocks.URLBlock):
    def clean(self, value):
        value = super().clean(value)
        if value and not value.lower().startswith("https://"):
            raise ValidationError(_("Only addresses starting with https:// are allowed."))
        return value


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("label"),
        max_length=60,
        help_text=_("The name of the service as visitors know it, e.g. Mastodon or Instagram."),
    )
    url = HttpsURLBlock(label=_("address"), help_text=_("The profile's address (https://…)."))

    class Meta:
        label = _("social media link")
        icon = "link"


class FooterLogoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("logo"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=160,
        help_text=_("What the logo says, e.g. 'Funded by the Smart City programme'."),
    )
    link = HttpsURLBlock(
        label=_("link"), required=False, help_text=_("Optional: where the logo leads (https://…).")
    )

    class Meta:
        label = _("footer logo")
        icon = "image"


@register_setting(icon="desktop")
class ThemeSettings(BaseSiteSetting):
    """How the portal of one site looks; the stylesheet is rendered from it (theming.theme)."""

    base_form_class = ThemeSettingsForm

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in the header on the primary colour, at most 48 pixels high: an SVG file "
            "or a raster image at least 96 pixels high, light on transparent background."
        ),
    )
    logo_alt = models.CharField(
        _("alternative text of the logo"),
        max_length=160,
        blank=True,
        help_text=_(
            "What the logo says, e.g. the city's name. Leave empty if the logo only repeats "
            "the operator's name shown next to it."
        ),
    )
    icon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("app icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square PNG image of at least 512 by 512 pixels: the browser tab's icon (32 px), "
            "the icon on phones' home screens (180 px) and of the installed web app "
            "(192 and 512 px) are made from it."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[validate_hex],
        help_text=_(
            "As #rrggbb. Header, buttons and links; it must be dark enough for links on white "
            "(4.5:1) and white text on it. The hover colour and the text colour on it are "
            "computed."
        ),
    )
    secondary_colour = models.CharField(
        _("secondary colour"),
        max_length=7,
        default=DEFAULT_SECONDARY,
        validators=[validate_hex],
        help_text=_(
            "As #rrggbb. The accent line under the header and above the footer; it needs "
            "3:1 against white and the footer's grey."
        ),
    )
    font = models.CharField(
        _("font"),
        max_length=40,
        choices=FONT_CHOICES,
        default=SYSTEM,
        help_text=_(
            "The fonts are served by the portal itself; no font is loaded from other servers."
        ),
    )
    operator_address = models.TextField(
        _("operator's address"),
        blank=True,
        help_text=_("Postal address shown in the footer, one line per line."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social media links"),
        blank=True,
        help_text=_("Links in the footer; only https:// addresses."),
    )
    footer_logos = StreamField(
        [("logo", FooterLogoBlock())],
        verbose_name=_("footer logos"),
        blank=True,
        help_text=_("An optional row of logos in the footer, e.g. of funding programmes."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("logo_alt"), FieldPanel("icon")],
            heading=_("Logo and icons"),
        ),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("secondary_colour"), FieldPanel("font")],
            heading=_("Colours and font"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("operator_address"),
                FieldPanel("social_links"),
                FieldPanel("footer_logos"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("theme")
