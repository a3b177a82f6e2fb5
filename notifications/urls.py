from django.urls import path

from notifications import views, views_centre, views_follow

app_name = "notifications"

urlpatterns = [
    path("", views_centre.notification_centre, name="centre"),
    path("gelesen/", views_centre.mark_all_read, name="mark_all_read"),
    path("<int:notification_id>/gelesen/", views_centre.mark_read, name="mark_read"),
    path("einstellungen/", views.notification_settings, name="settings"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("folgen/", views_follow.follow, name="follow"),
    path("nicht-mehr-folgen/", views_follow.unfollow, name="unfollow"),
    path("folge-ich/", views_follow.following, name="following"),
    path("per-e-mail/", views_follow.email_follow, name="email_follow"),
    path("bestaetigen/<str:token>/", views_follow.confirm, name="confirm"),
]
