"""A proposal with a photo through Chromium: the multipart form, the image shown, no GPS kept."""

import io

from PIL import Image
from playwright.sync_api import expect

from proposals.models import Proposal
from tests.browser.conftest import session_for, sign_in
from tests.factories import UserFactory
from tests.proposals.media_helpers import CAMERA, image_bytes

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def test_a_photo_with_gps_is_shown_on_the_proposal_and_stored_without_it(
    page, demo_portal, tmp_path
):
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(image_bytes(size=(120, 80)))
    sign_in(page.context, demo_portal, session_for(UserFactory()))
    page.goto(demo_portal + OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    page.get_by_role("link", name="Vorschlag einreichen").click()

    page.get_by_label("Titel").fill("Bank am Saaleufer")
    page.locator("#id_description").fill("Eine Bank mit Blick auf die Saale.")
    page.get_by_label("Kategorie").select_option(label="Radverkehr")
    page.get_by_label("Bild 1 (optional)").set_input_files(str(photo))
    page.get_by_label("Beschreibung von Bild 1").fill("Das Saaleufer mit Wiese")
    page.get_by_role("button", name="Vorschlag einreichen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bank am Saaleufer")
    shown = page.get_by_role("img", name="Das Saaleufer mit Wiese")
    expect(shown).to_be_visible()
    # Lazy loading: in view, then wait for the load (the box is there before the pixels).
    shown.scroll_into_view_if_needed()
    assert (
        shown.evaluate(
            "image => image.complete && image.naturalWidth ? image.naturalWidth"
            " : new Promise(done => image.addEventListener('load', () => done(image.naturalWidth)))"
        )
        == 120
    )
    image = Proposal.objects.get(title="Bank am Saaleufer").images.get()
    with image.file.open("rb") as handle:
        content = handle.read()
    assert CAMERA.encode() not in content
    assert dict(Image.open(io.BytesIO(content)).getexif()) == {}
