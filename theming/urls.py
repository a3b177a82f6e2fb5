from django.urls import path

from theming import views

app_name = "theming"
urlpatterns = [
    path("<int:site_id>-<slug:version>.css", views.stylesheet, name="stylesheet"),
    path("<int:site_id>-<slug:version>.webmanifest", views.manifest, name="manifest"),
]
