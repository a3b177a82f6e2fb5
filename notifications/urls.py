from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("einstellungen/", views.notification_settings, name="settings"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
