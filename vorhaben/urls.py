from django.urls import path

from vorhaben import views

# Not "vorhaben": that namespace is the admin register's (vorhaben.wagtail_hooks).
app_name = "vorhabenliste"

urlpatterns = [
    path("<int:page_id>/anregung/", views.anregung, name="anregung"),
    path("<int:page_id>/<int:vorhaben_id>/anregung/", views.anregung, name="anregung_on"),
]
