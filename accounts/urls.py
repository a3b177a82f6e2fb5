from django.urls import include, path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("delete/", views.delete_account, name="delete"),
]

# allauth's views (signup, login, e-mail verification, password reset) keep
# their own url names (account_login, ...), so they are included without a namespace.
allauth_urlpatterns = [path("", include("allauth.urls"))]
