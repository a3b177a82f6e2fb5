"""Factories for the portal's models, built on Wagtail's page factories."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils import wagtail_factories

from accounts.consent import current_versions as current_consent_versions
from accounts.consent import signature as consent_signature
from departments.models import Department
from pages.models import (
    ContactPerson,
    District,
    HomePage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
    StandardPage,
    Topic,
)

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.Sequence(lambda n: f"citizen{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)
    # Agreed to the privacy notice and terms in force (accounts.consent), as at signup.
    consented_versions = factory.LazyFunction(lambda: consent_signature(current_consent_versions()))

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """A verified primary e-mail address, unless ``verified=False``."""
        if create:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=extracted is not False
            )
            user.save()


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True
    display_name = factory.Sequence(lambda n: f"Team Beteiligung {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Fachbereich {n}")
    kind = Department.Kind.FACHBEREICH


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"Stadtteil {n}")


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = "Erika Beispiel"
    role = "Projektleitung"
    email = "beteiligung@example.org"


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page as publishing leaves it: live, with publication dates."""

    class Meta:
        abstract = True

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "Mitreden in Jena"
    intro = "Gestalten Sie Ihre Stadt mit."


class ProjectIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Projekte"
    slug = "projekte"


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Seite {n}")


class ProjectPageFactory(PublishedPageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Projekt {n}")
    teaser = "Worum es geht und wie Sie mitmachen können."
    department = factory.SubFactory(DepartmentFactory)


class ProjectPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPhase

    title = factory.Sequence(lambda n: f"Phase {n}")
    start_date = datetime.date(2026, 3, 1)
    end_date = datetime.date(2026, 3, 31)
    allows_participation = True


def add_phases(project: ProjectPage, *spans, participation=True) -> list[ProjectPhase]:
    """Adds phases given as (start, end) date pairs."""
    return [
        ProjectPhaseFactory(
            page=project, start_date=start, end_date=end, allows_participation=participation
        )
        for start, end in spans
    ]
