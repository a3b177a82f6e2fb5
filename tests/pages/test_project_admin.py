"""Editors create and publish projects in the admin; bad input is refused at the field."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils import wagtail_factories
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import ProjectPage
from tests.factories import ContactPersonFactory, DepartmentFactory, DistrictFactory, TopicFactory


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("pages", "projectpage", parent.pk))


def phase(title, start, end, participation=True):
    data = {"title": title, "description": "", "start_date": start, "end_date": end}
    if participation:
        data["allows_participation"] = "on"
    return data


def project_form_data(parent, **overrides):
    image = wagtail_factories.ImageFactory(title="Marktplatz")
    document = wagtail_factories.DocumentFactory(title="Präsentation")
    department = DepartmentFactory(name="Fachbereich Mobilität")
    data = {
        "title": "Radverkehrskonzept Innenstadt",
        "slug": "radverkehrskonzept",
        "teaser": "Wo fehlen Radwege? Sagen Sie es uns.",
        "hero_image": image.pk,
        "hero_image_alt": "Radfahrende auf dem Marktplatz",
        "body": streamfield(
            [
                ("heading", {"text": "Worum geht es?", "level": "h2"}),
                (
                    "paragraph",
                    rich_text(
                        '<p>Die Stadt plant <a href="https://example.org">neue</a> Wege.</p>'
                    ),
                ),
                (
                    "image",
                    {
                        "image": {"image": image.pk, "alt_text": "Ein Radweg", "decorative": ""},
                        "caption": "Der Radweg am Markt",
                        "credit": "© Stadt",
                    },
                ),
                ("quote", {"text": "Mehr Platz fürs Rad!", "attribution": "Eine Bürgerin"}),
                (
                    "embed",
                    {
                        "url": "https://www.youtube.com/watch?v=abcDEF12345",
                        "title": "Erklärvideo zum Konzept",
                        "transcript": "Im Video erklären wir das Konzept.",
                    },
                ),
                ("document", {"document": document.pk, "title": "", "description": ""}),
                (
                    "call_to_action",
                    {
                        "heading": "Machen Sie mit",
                        "text": "",
                        "link_label": "Zur Karte",
                        "page": "",
                        "url": "https://example.org/karte",
                    },
                ),
                (
                    "faq",
                    {
                        "heading": "",
                        "items": streamfield(
                            [
                                (
                                    "item",
                                    {
                                        "question": "Wer entscheidet?",
                                        "answer": rich_text("<p>Der Stadtrat.</p>"),
                                    },
                                )
                            ]
                        ),
                    },
                ),
            ]
        ),
        "phases": inline_formset(
            [
                phase("Information", "2026-03-01", "2026-03-09", participation=False),
                phase("Online-Dialog", "2026-03-10", "2026-04-10"),
            ]
        ),
        "department": department.pk,
        "district": DistrictFactory(name="Zentrum").pk,
        "contact": ContactPersonFactory().pk,
        "results_intro": "",
        "results": streamfield([]),
        "news": inline_formset([]),
        "comments_enabled": "on",
        "comments_follow_phases": "on",
        "comments_moderation": "post",
        "action-publish": "publish",
    }
    data.update(overrides)
    form_data = nested_form_data(data)
    # A multiple-choice field posts the same key several times, which
    # nested_form_data (built for nested blocks) cannot express.
    form_data["topics"] = [TopicFactory(name="Radverkehr").pk]
    return form_data


def test_editor_creates_and_publishes_a_project_with_a_full_body(admin_client, project_index):
    response = admin_client.post(add_url(project_index), project_form_data(project_index))

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    project = ProjectPage.objects.get(slug="radverkehrskonzept")
    assert project.live
    assert [block.block_type for block in project.body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "embed",
        "document",
        "call_to_action",
        "faq",
    ]
    assert [p.title for p in project.ordered_phases] == ["Information", "Online-Dialog"]
    assert project.ordered_phases[0].start_date == datetime.date(2026, 3, 1)
    assert project.topics.get().name == "Radverkehr"

    public = admin_client.get(project.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Radverkehrskonzept Innenstadt" in html
    assert 'alt="Ein Radweg"' in html
    assert "youtube-nocookie.com/embed/abcDEF12345" in html
    assert "Wer entscheidet?" in html


def form_errors(response):
    return response.context["form"].errors


def phase_errors(response):
    return [form.errors for form in response.context["form"].formsets["phases"].forms]


def test_phase_ending_before_it_starts_is_refused_at_the_field(admin_client, project_index):
    data = project_form_data(
        project_index,
        phases=inline_formset([phase("Dialog", "2026-04-10", "2026-03-10")]),
    )
    response = admin_client.post(add_url(project_index), data)

    assert response.status_code == 200
    assert phase_errors(response)[0]["end_date"] == [
        "Die Phase kann nicht enden, bevor sie beginnt."
    ]
    assert not ProjectPage.objects.filter(slug="radverkehrskonzept").exists()


def test_overlapping_phases_are_refused(admin_client, project_index):
    data = project_form_data(
        project_index,
        phases=inline_formset(
            [phase("Eins", "2026-03-01", "2026-03-20"), phase("Zwei", "2026-03-15", "2026-04-01")]
        ),
    )
    response = admin_client.post(add_url(project_index), data)

    assert response.status_code == 200
    errors = phase_errors(response)
    assert "überschneidet sich mit der Phase 'Eins'" in errors[1]["start_date"][0]
    assert not ProjectPage.objects.exists()


def test_hero_image_without_alt_text_is_refused(admin_client, project_index):
    response = admin_client.post(
        add_url(project_index), project_form_data(project_index, hero_image_alt="")
    )

    assert response.status_code == 200
    assert "hero_image_alt" in form_errors(response)
    assert not ProjectPage.objects.exists()


def test_body_image_without_alt_text_is_refused(admin_client, project_index):
    image = wagtail_factories.ImageFactory()
    body = streamfield(
        [
            (
                "image",
                {
                    "image": {"image": image.pk, "alt_text": "", "decorative": ""},
                    "caption": "",
                    "credit": "",
                },
            )
        ]
    )
    response = admin_client.post(
        add_url(project_index), project_form_data(project_index, body=body)
    )

    assert response.status_code == 200
    body_error = form_errors(response)["body"].as_data()[0]
    image_error = body_error.block_errors[0].block_errors["image"]
    assert "alt_text" in image_error.block_errors
    assert not ProjectPage.objects.exists()


def test_project_needs_a_responsible_department(admin_client, project_index):
    response = admin_client.post(
        add_url(project_index), project_form_data(project_index, department="")
    )

    assert response.status_code == 200
    assert "department" in form_errors(response)


def test_call_to_action_needs_exactly_one_target(admin_client, project_index):
    body = streamfield(
        [
            (
                "call_to_action",
                {"heading": "Mitmachen", "text": "", "link_label": "Los", "page": "", "url": ""},
            )
        ]
    )
    response = admin_client.post(
        add_url(project_index), project_form_data(project_index, body=body)
    )

    assert response.status_code == 200
    assert "body" in form_errors(response)


def test_plain_http_embeds_are_refused(admin_client, project_index):
    body = streamfield(
        [("embed", {"url": "http://example.org/video", "title": "Video", "transcript": ""})]
    )
    response = admin_client.post(
        add_url(project_index), project_form_data(project_index, body=body)
    )

    assert response.status_code == 200
    assert "body" in form_errors(response)


def test_editor_sees_the_project_panels(admin_client, project_index):
    response = admin_client.get(add_url(project_index))

    assert response.status_code == 200
    html = response.content.decode()
    for label in [
        "Beteiligungsphasen",
        "Verantwortlicher Fachbereich",
        "Zusammenfassung der Ergebnisse",
        "Kurzbeschreibung",
    ]:
        assert label.lower() in html.lower(), label


def test_preview_shows_unsaved_phases_and_body(admin_client, project_index):
    """Editors preview a project before it exists, timeline included."""
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("pages", "projectpage", project_index.pk)
    )
    data = project_form_data(project_index)

    assert admin_client.post(url, data).json() == {"is_valid": True, "is_available": True}
    preview = admin_client.get(url)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Radverkehrskonzept Innenstadt" in html
    assert "Online-Dialog" in html
    assert not ProjectPage.objects.exists()
