"""The project list's district map: districts with a boundary, each with its number of projects.

A GeoJSON FeatureCollection for the page's script (``json_script``) and for
the list of district links that stands in for the map without JavaScript
or consent. Two queries, whatever the number of districts or projects.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import ngettext

from pages.models.projects import ProjectPage
from pages.models.snippets import District


def district_map(index_page, index_url: str, all_districts=None) -> dict | None:
    """None when no district has a boundary (then the page shows no map).

    ``all_districts``: every district, ordered by name, if the caller has read them already.
    """
    if all_districts is None:
        all_districts = District.objects.order_by("name")
    districts = [district for district in all_districts if district.boundary is not None]
    if not districts:
        return None
    counts = dict(
        ProjectPage.objects.live()
        .public_given(getattr(index_page, "all_view_restrictions", lambda: None)())
        .child_of(index_page)
        .filter(district__in=districts)
        .order_by()
        .values_list("district")
        .annotate(count=Count("pk"))
    )
    features = []
    for district in districts:
        count = counts.get(district.pk, 0)
        label = ngettext(
            "%(district)s: %(count)d project", "%(district)s: %(count)d projects", count
        ) % {"district": district.name, "count": count}
        features.append(
            {
                "type": "Feature",
                "geometry": district.boundary,
                "properties": {
                    "name": district.name,
                    "count": count,
                    "label": label,
                    "url": f"{index_url}?district={district.slug}",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
