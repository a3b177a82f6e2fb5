"""The project feeds and the all-phases calendar keep a query budget, however many projects.

Apart from the other feed tests: these build their own projects, without
the shared feed world (tests/feeds/conftest.py).
"""

import pytest

from tests.factories import ProjectPageFactory, add_phases
from tests.feeds.conftest import MARCH, events_of, rss_items

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 15])
def test_list_feed_queries_do_not_grow_with_projects(
    client, project_index, units, django_assert_max_num_queries, count
):
    for _ in range(count):
        ProjectPageFactory(parent=project_index, department=units["team"])
    client.get("/feeds/projekte.rss")  # warms the site-root cache

    with django_assert_max_num_queries(4):
        response = client.get("/feeds/projekte.rss")
    assert len(rss_items(response)) == count


@pytest.mark.parametrize("count", [3, 15])
def test_all_phases_calendar_queries_do_not_grow_with_projects(
    client, project_index, django_assert_max_num_queries, count
):
    for _ in range(count):
        add_phases(ProjectPageFactory(parent=project_index), MARCH, MARCH)
    client.get("/kalender/projekte.ics")  # warms the site-root cache

    with django_assert_max_num_queries(2):
        response = client.get("/kalender/projekte.ics")
    assert len(events_of(response)) == 2 * count
