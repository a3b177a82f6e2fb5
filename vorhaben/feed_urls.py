"""The Vorhabenliste's feeds, mounted under /feeds/ by portal/urls.py."""

from django.urls import path

from vorhaben.feeds import VorhabenAtomFeed, VorhabenFeed

app_name = "vorhaben_feeds"

urlpatterns = [
    path("vorhaben.rss", VorhabenFeed(), name="rss"),
    path("vorhaben.atom", VorhabenAtomFeed(), name="atom"),
]
