"""Departments, topics, districts and contact people (demo/data/reference.yaml)."""

from dataclasses import dataclass, field

from departments.models import Department
from departments.slugs import german_slugify
from pages.models import ContactPerson, District, Topic

from .data import read

REFERENCE = read("reference")
# Approximate, hand-drawn (see the file): enough for the map to fill in districts.
BOUNDARIES = read("district_boundaries")


@dataclass
class Refs:
    """The objects the data refer to by key, filled in as they are loaded."""

    departments: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    districts: dict = field(default_factory=dict)
    contacts: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)


def load_reference_data(refs: Refs) -> None:
    load_departments(REFERENCE["departments"], refs)
    for entry in REFERENCE["topics"]:
        topic = upsert_by_slug(Topic, entry["name"], description=entry["description"])
        refs.topics[topic.slug] = topic
    for name in REFERENCE["districts"]:
        district = upsert_by_slug(District, name)
        district.boundary = BOUNDARIES.get(district.slug)
        district.full_clean()
        district.save(update_fields=["boundary"])
        refs.districts[district.slug] = district
    for data in REFERENCE["contacts"]:
        department = refs.departments[data["department"]]
        contact, _ = ContactPerson.objects.update_or_create(
            name=data["name"], defaults=data | {"department": department}
        )
        refs.contacts[contact.name] = contact


def load_departments(entries: list[dict], refs: Refs, parent: Department | None = None) -> None:
    for entry in entries:
        fields = {"website": "", "parent": parent}
        fields |= {key: value for key, value in entry.items() if key not in ("name", "units")}
        department = upsert_by_slug(Department, entry["name"], **fields)
        refs.departments[department.slug] = department
        load_departments(entry.get("units", []), refs, parent=department)


def upsert_by_slug(model, name: str, **fields):
    instance, _ = model.objects.update_or_create(
        slug=german_slugify(name)[:80], defaults={"name": name, **fields}
    )
    return instance
