"""StreamField blocks for editorial content.

Every block renders its own template under ``templates/blocks/`` and
validates what citizens would otherwise stumble over (alt texts, link
targets, accessible names for embedded media).
"""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from pages.api import (
    absolute,
    absolute_links,
    document_representation,
    image_representation,
    request_from,
)
from polls.blocks import PollBlock
from polls.page_polls import stream_poll_ids

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        help_text=_("The page title is the only H1. Use H3 only below an H2."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)
    credit = blocks.CharBlock(
        label=_("image credit"),
        required=False,
        max_length=120,
        help_text=_("Photographer or licence, e.g. '© Stadt Jena'."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        return {
            "image": image_representation(
                image,
                getattr(image, "contextual_alt_text", ""),
                request_from(context),
                decorative=bool(getattr(image, "decorative", False)),
            ),
            "caption": value.get("caption") or "",
            "credit": value.get("credit") or "",
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"), max_length=800)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class ExternalMediaBlock(blocks.StructBlock):
    """A video or map from another site, loaded only after the visitor agrees.

    Wagtail's EmbedBlock would put a third-party iframe on the page at once,
    sending every visitor's IP address to the provider (a GDPR problem for a
    public body) and it needs the provider's oEmbed API at save time. This
    block renders a link by default; the portal's script turns it into a
    privacy-friendly player (youtube-nocookie) on an explicit click.
    """

    url = blocks.URLBlock(
        label=_("address (URL)"),
        help_text=_("A YouTube or Vimeo video, or any other page to link to."),
    )
    title = blocks.CharBlock(
        label=_("title"),
        max_length=160,
        help_text=_("Says what the content is; screen readers announce it."),
    )
    transcript = blocks.TextBlock(
        label=_("transcript or summary"),
        required=False,
        help_text=_("A text alternative for people who cannot watch or hear the video."),
    )

    class Meta:
        icon = "media"
        label = _("External video or media")
        template = "blocks/external_media_block.html"

    def clean(self, value):
        value = super().clean(value)
        if urlparse(value["url"]).scheme != "https":
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Only https:// addresses can be embedded."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["player_url"] = player_url(value["url"])
        return context

    def get_api_representation(self, value, context=None):
        # The player address is only for after the visitor agreed (two-click loading).
        return {
            **super().get_api_representation(value, context),
            "player_url": player_url(value["url"]),
        }


def player_url(url: str) -> str | None:
    """The privacy-friendly embed address for known video sites, else None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtu.be":
        video_id = parsed.path.lstrip("/")
    elif host == "youtube.com":
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
    elif host == "vimeo.com" and parsed.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parsed.path.strip('/')}?dnt=1"
    if video_id and video_id.replace("-", "").replace("_", "").isalnum():
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=160,
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "document": document_representation(document, request_from(context)),
            "title": value.get("title") or getattr(document, "title", ""),
            "description": value.get("description") or "",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=500)
    link_label = blocks.CharBlock(
        label=_("button label"),
        max_length=60,
        help_text=_("Say where the link leads, e.g. 'Zur Umfrage' rather than 'Hier klicken'."),
    )
    page = blocks.PageChooserBlock(label=_("page on this portal"), required=False)
    url = blocks.URLBlock(label=_("or external address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page on this portal or an external address.")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def get_api_representation(self, value, context=None):
        """The link as one resolved address; a page that is not public gives none."""
        request = request_from(context)
        page = value.get("page")
        url = value.get("url") or None
        if page is not None:
            public = page.live and not page.get_view_restrictions().exists()
            url = absolute(request, page.get_url(request)) if public else None
        return {
            "heading": value.get("heading"),
            "text": value.get("text") or "",
            "link_label": value.get("link_label"),
            "url": url,
            "internal": page is not None,
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=120,
        required=False,
        help_text=_("Defaults to 'Frequently asked questions'."),
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("FAQ (accordion)")
        template = "blocks/faq_block.html"


class EditorialStreamBlock(blocks.StreamBlock):
    """The body of project and standard pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = ExternalMediaBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    poll = PollBlock()

    def get_api_representation(self, value, context=None):
        # The poll blocks read their rows together (polls.page_polls).
        context = {**(context or {}), "stream_poll_ids": stream_poll_ids(value)}
        # A poll the visitor may not see (staff-only) leaves no trace in the stream.
        return [
            with_absolute_links(item)
            for item in super().get_api_representation(value, context)
            if not (item["type"] == "poll" and item["value"] is None)
        ]


class ResultsStreamBlock(blocks.StreamBlock):
    """What became of the contributions: text, figures, documents."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()

    def get_api_representation(self, value, context=None):
        return [
            with_absolute_links(item) for item in super().get_api_representation(value, context)
        ]


def with_absolute_links(item: dict) -> dict:
    """Rich text in the API links to the portal absolutely: a front end runs on another host."""
    if item["type"] == "paragraph":
        item["value"] = absolute_links(item["value"])
    elif item["type"] == "faq":
        for entry in item["value"]["items"]:
            entry["answer"] = absolute_links(entry["answer"])
    return item
