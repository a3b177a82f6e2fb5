"""Which page type may live where."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from figures.models import ReportPage
from pages.models import HomePage, ProjectIndexPage, ProjectPage, StandardPage
from vorhaben.models import VorhabenIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_lists_standard_pages_and_reports(self):
        self.assertAllowedSubpageTypes(
            HomePage, {ProjectIndexPage, StandardPage, VorhabenIndexPage, ReportPage}
        )
        self.assertAllowedParentPageTypes(VorhabenIndexPage, {HomePage})

    def test_reports_live_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(ReportPage, {HomePage})
        self.assertAllowedSubpageTypes(ReportPage, set())

    def test_projects_live_in_the_project_list_only(self):
        self.assertCanCreateAt(ProjectIndexPage, ProjectPage)
        self.assertCanNotCreateAt(HomePage, ProjectPage)
        self.assertCanNotCreateAt(StandardPage, ProjectPage)
        self.assertAllowedSubpageTypes(ProjectPage, set())

    def test_project_list_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})

    def test_standard_pages_nest(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ProjectIndexPage, StandardPage)

    def test_one_project_list_per_home_page(self):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Start", slug="start", intro="Hallo"))
        self.assertTrue(ProjectIndexPage.can_create_at(home))
        home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
        self.assertFalse(ProjectIndexPage.can_create_at(home))
