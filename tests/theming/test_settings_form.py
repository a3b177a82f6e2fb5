"""The theme settings in the admin: a colour that fails its contrast is refused, nothing stored."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.test.utils.form_data import nested_form_data, streamfield

from demo.loader.themes import THEMES, theme_image
from theming import colours
from theming.forms import WHERE, contrast_message
from theming.models import ThemeSettings


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def edit_url(site):
    return reverse("wagtailsettings:edit", args=["theming", "themesettings", site.pk])


def bound_form(site, **overrides):
    """The form the admin shows (built from the panels on ThemeSettingsForm)."""
    form_class = get_edit_handler(ThemeSettings).get_form_class()
    return form_class(data=form_data(**overrides), instance=ThemeSettings(site=site))


def form_data(**overrides):
    data = {
        "primary_colour": "#0a4f8f",
        "secondary_colour": "#083a69",
        "font": "system",
        "logo_alt": "",
        "operator_address": "Am Anger 15\n07743 Jena",
        "social_links": streamfield([]),
        "footer_logos": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_every_use_is_marked_for_translation():
    assert {use.where for uses in colours.USES.values() for use in uses} == set(WHERE)


def test_a_passing_theme_is_saved(admin_client, home_page):
    site = home_page.get_site()
    response = admin_client.post(
        edit_url(site),
        form_data(
            primary_colour="#8A1C2B",
            font="atkinson-hyperlegible",
            social_links=streamfield(
                [("link", {"label": "Mastodon", "url": "https://social.example.org/@stadt"})]
            ),
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    theme = ThemeSettings.for_site(site)
    assert theme.primary_colour == "#8a1c2b"
    assert theme.font == "atkinson-hyperlegible"
    assert theme.social_links[0].value["label"] == "Mastodon"


def test_a_failing_colour_is_refused_with_ratio_and_suggestion(admin_client, home_page):
    site = home_page.get_site()
    with translation.override("de"):
        response = admin_client.post(
            edit_url(site),
            form_data(primary_colour="#3d8fd6", operator_address="Neue Adresse"),
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 200
    errors = response.context["form"].errors["primary_colour"]
    message = " ".join(errors)
    ratio = colours.contrast("#3d8fd6", colours.BACKGROUND)
    assert f"{ratio:.2f}".replace(".", ",") in message
    assert "4,50:1" in message
    assert colours.suggestion("primary", "#3d8fd6") in message
    assert "Vorschlag" in message
    assert not ThemeSettings.objects.filter(site=site, operator_address="Neue Adresse").exists()


def test_a_pale_secondary_colour_is_refused(home_page):
    site = home_page.get_site()
    form = bound_form(site, secondary_colour="#ffbf47")
    assert not form.is_valid()
    assert "1,64:1" in form.errors["secondary_colour"][0]
    assert "3,00:1" in form.errors["secondary_colour"][0]
    assert "primary_colour" not in form.errors


def test_not_a_colour_is_refused(home_page):
    form = bound_form(home_page.get_site(), primary_colour="blau")
    assert not form.is_valid()
    assert "#rrggbb" in form.errors["primary_colour"][0]


def test_social_links_must_use_https(admin_client, home_page):
    site = home_page.get_site()
    response = admin_client.post(
        edit_url(site),
        form_data(
            social_links=streamfield(
                [("link", {"label": "Blog", "url": "http://blog.example.org/"})]
            )
        ),
    )
    assert response.status_code == 200
    assert not ThemeSettings.objects.filter(site=site).exclude(social_links=[]).exists()
    assert "https://" in response.content.decode()


def test_the_message_names_every_failing_use():
    message = contrast_message("primary", "#ffff00")
    assert message.count(":1") >= 2 * 3
    assert contrast_message("primary", "#0a4f8f") is None


def test_an_svg_app_icon_is_refused(home_page):
    svg = theme_image(THEMES["jena"]["logo"])
    form = bound_form(home_page.get_site(), icon=svg.pk, logo=svg.pk)
    assert not form.is_valid()
    assert list(form.errors) == ["icon"]
    assert "PNG" in form.errors["icon"][0]
