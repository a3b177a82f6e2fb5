"""The demo site's pages (demo/data/site.yaml, projects.yaml) and its portal settings.

Phase and news dates are offsets in days from the day of loading, so every project
status stays represented whenever the content is loaded.
"""

import copy
from datetime import date, timedelta

from wagtail.models import Page, Site

from figures.models import ReportPage
from pages.models import (
    HomePage,
    PortalSettings,
    ProjectIndexPage,
    ProjectNews,
    ProjectPage,
    ProjectPhase,
    StandardPage,
)
from pages.status import overlapping_phases

from .accessibility import STATEMENT, accessibility_statement
from .blocks import phase, stream
from .data import read
from .reference import Refs


def built(page: dict) -> dict:
    """A page of the data with its blocks built: (block_type, value) pairs."""
    return page | {name: stream(page[name]) for name in ("body", "results") if name in page}


SITE = read("site")
HOME, PROJECT_INDEX = built(SITE["home"]), built(SITE["project_index"])
IMPRINT, PRIVACY, TERMS, ABOUT = (
    built(SITE[key]) for key in ("imprint", "privacy", "terms", "about")
)
REPORT = built(SITE["report"])
PROJECTS = [built(project) for project in read("projects")]
PROJECT_DEFAULTS = {"hero_image": None, "district": None, "results_intro": "", "results": []}
# Fields that name other objects by their key in Refs.
PAGE_REFERENCES = {
    "hero_image": "images",
    "department": "departments",
    "district": "districts",
    "contact": "contacts",
}


def standard_pages(today: date) -> list[dict]:
    return [IMPRINT, PRIVACY, TERMS, accessibility_statement(today), ABOUT]


def load_pages(refs: Refs, today: date) -> Site:
    root = Page.get_first_root_node()
    home = find_child(root, HomePage, HOME["slug"])
    if home.pk is None:
        # A bare start page first: the site must point at it before the welcome
        # page can go, and its body links to pages that do not exist yet.
        home.title, home.intro = HOME["title"], HOME["intro"]
        root.add_child(instance=home)
    site = point_default_site_at(home)
    remove_welcome_page()
    index = upsert_page(home, ProjectIndexPage, PROJECT_INDEX, refs)
    refs.pages[index.slug] = index
    for data in standard_pages(today):
        refs.pages[data["slug"]] = upsert_page(home, StandardPage, data, refs)
    for data in PROJECTS:
        load_project(index, data, refs, today)
    refs.pages[REPORT["slug"]] = upsert_page(home, ReportPage, REPORT, refs)
    publish(root, home, page_fields(HOME, refs))
    return site


def find_child(parent: Page, page_class: type[Page], slug: str) -> Page:
    """The existing child with this slug, or a new unsaved page."""
    return page_class.objects.child_of(parent).filter(slug=slug).first() or page_class(slug=slug)


def upsert_page(parent: Page, page_class: type[Page], data: dict, refs: Refs) -> Page:
    page = find_child(parent, page_class, data["slug"])
    return publish(parent, page, page_fields(data, refs))


def publish(parent: Page, page: Page, fields: dict) -> Page:
    for name, value in fields.items():
        setattr(page, name, value)
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_project(index: ProjectIndexPage, data: dict, refs: Refs, today: date) -> Page:
    page = find_child(index, ProjectPage, data["slug"])
    fields = page_fields(PROJECT_DEFAULTS | data, refs)
    hero_image = fields["hero_image"]
    fields["hero_image_alt"] = hero_image.description if hero_image else ""
    fields["phases"] = dated_phases(page, [phase(entry) for entry in data["phases"]], today)
    fields["news"] = dated_news(page, data.get("news", []), today)
    return publish(index, page, fields)


def page_fields(data: dict, refs: Refs) -> dict:
    """The data's field values with keys replaced by the objects they name."""
    fields = {name: value for name, value in data.items() if name not in ("phases", "news")}
    for name, registry in PAGE_REFERENCES.items():
        if fields.get(name):
            fields[name] = getattr(refs, registry)[fields[name]]
    if "topics" in fields:
        fields["topics"] = [refs.topics[slug] for slug in fields["topics"]]
    for name in ("body", "results"):
        if name in fields:
            fields[name] = resolve_stream(fields[name], refs)
    return fields


def resolve_stream(blocks: list[tuple], refs: Refs) -> list[tuple]:
    return [(block_type, resolve_block(block_type, value, refs)) for block_type, value in blocks]


def resolve_block(block_type: str, value, refs: Refs):
    if block_type == "image":
        # A copy per block: the image block keeps its alt text on the image object.
        picture = copy.copy(refs.images[value["image"]])
        alt_text = value["alt"] or picture.description
        return {
            "image": {"image": picture, "alt_text": alt_text, "decorative": False},
            "caption": value["caption"],
            "credit": value["credit"],
        }
    if block_type == "document":
        return value | {"document": refs.documents[value["document"]]}
    if block_type == "key_figures" and value["department"]:
        return value | {"department": refs.departments[value["department"]]}
    if block_type == "call_to_action" and value["page"]:
        return value | {"page": refs.pages[value["page"]]}
    return value


def dated_phases(page: ProjectPage, phases: list[dict], today: date) -> list[ProjectPhase]:
    """Phases dated from today, reusing the page's existing phases by title."""
    existing = {phase.title: phase for phase in page.phases.all()}
    dated = []
    for order, data in enumerate(phases):
        dated_phase = existing.get(data["title"]) or ProjectPhase(title=data["title"])
        dated_phase.description = data["description"]
        dated_phase.allows_participation = data["allows_participation"]
        dated_phase.start_date = today + timedelta(days=data["start"])
        dated_phase.end_date = today + timedelta(days=data["end"])
        dated_phase.sort_order = order
        dated.append(dated_phase)
    check_phase_order(page, dated)
    return dated


def dated_news(page: ProjectPage, posts: list[dict], today: date) -> list[ProjectNews]:
    """News posts dated from today; existing posts are reused by title, so they keep their
    keys and a reload announces nothing again."""
    existing = {post.title: post for post in page.news.all()}
    dated = []
    for order, data in enumerate(posts):
        post = existing.get(data["title"]) or ProjectNews(title=data["title"])
        post.date = today + timedelta(days=data["day"])
        post.body = data["text"]
        post.sort_order = order
        dated.append(post)
    return dated


def check_phase_order(page: ProjectPage, phases: list[ProjectPhase]) -> None:
    """The admin form rejects bad phases; demo data bypass the form, so check the same rules."""
    for dated_phase in phases:
        dated_phase.clean()
    if overlapping := overlapping_phases(phases):
        raise ValueError(f"Phases of {page.slug!r} overlap: {overlapping}")


def point_default_site_at(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="127.0.0.1", port=8000, is_default_site=True)
    site.root_page = home
    site.site_name = SITE["site_name"]
    site.save()
    return site


def remove_welcome_page() -> None:
    """Deletes the placeholder page Wagtail's installation puts at the top of the tree."""
    welcome = (
        Page.objects.exact_type(Page)
        .filter(depth=2, slug="home", numchild=0, sites_rooted_here=None)
        .first()
    )
    if welcome:
        welcome.delete()


def load_portal_settings(site: Site, refs: Refs) -> None:
    portal_settings = PortalSettings.for_site(site)
    portal_settings.operator_name = SITE["operator_name"]
    portal_settings.contact_email = SITE["contact_email"]
    portal_settings.imprint_page = refs.pages[IMPRINT["slug"]]
    portal_settings.privacy_page = refs.pages[PRIVACY["slug"]]
    portal_settings.terms_page = refs.pages[TERMS["slug"]]
    portal_settings.accessibility_page = refs.pages[STATEMENT["slug"]]
    portal_settings.save()
