from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal and where the legally required pages are."""

    operator_name = models.CharField(
        _("operator"),
        max_length=120,
        default="Stadt Jena",
        help_text=_("The public body that runs the portal, shown in the header and footer."),
    )
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Linked from the consent at signup (accounts.consent), with the privacy page.
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Citizens accept the terms of use and confirm the privacy notice when they sign up."
        ),
    )

    panels = [
        FieldPanel("operator_name"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Legal pages in the footer"),
        ),
        FieldPanel("terms_page"),
    ]

    class Meta:
        verbose_name = _("portal settings")
