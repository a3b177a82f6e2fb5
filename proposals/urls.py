from django.urls import path

from proposals import map_views, media_views, views

# Not "proposals": that namespace is the admin viewset's (proposals.wagtail_hooks).
app_name = "ideen"

urlpatterns = [
    path("<int:collection_id>/", views.collection_list, name="collection"),
    path("<int:collection_id>/einreichen/", views.submit, name="submit"),
    path("<int:collection_id>/karte.geojson", map_views.collection_geojson, name="geojson"),
    path("vorschlag/<int:proposal_id>/", views.proposal_page, name="proposal"),
    path("vorschlag/<int:proposal_id>/bearbeiten/", views.edit, name="edit"),
    path("vorschlag/<int:proposal_id>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("vorschlag/<int:proposal_id>/unterstuetzen/", views.support, name="support"),
    path("vorschlag/<int:proposal_id>/zuruecknehmen/", views.unsupport, name="unsupport"),
    path("vorschlag/<int:proposal_id>/melden/", views.report, name="report"),
    path("vorschlag/<int:proposal_id>/bild/<int:image_id>/", media_views.image, name="image"),
    path("vorschlag/<int:proposal_id>/anhang/", media_views.attachment, name="attachment"),
]
