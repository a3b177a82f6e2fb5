from django.urls import path

from newsletters import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("feed/", feeds.NewsletterFeed(), name="feed"),
    path("<int:pk>-<slug:slug>/", views.detail, name="detail"),
]
