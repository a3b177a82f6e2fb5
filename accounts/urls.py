from django.urls import include, path, re_path

from accounts import views
from accounts.signup import account_urlpatterns

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("delete/", views.delete_account, name="delete"),
    path("consent/", views.consent, name="consent"),
    path("data/", views.personal_data, name="data"),
    re_path(
        r"^data/download/(?P<file_format>json|zip|html)/$",
        views.personal_data_download,
        name="data_download",
    ),
]

# allauth's views (signup, login, e-mail verification, password reset) keep
# their own url names (account_login, ...), so they are included without a namespace.
allauth_urlpatterns = [*account_urlpatterns, path("", include("allauth.urls"))]
