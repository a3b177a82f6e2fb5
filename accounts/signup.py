"""Signup is one transaction, on the account pages and on the headless endpoints.

allauth creates the account, its e-mail address and the queued verification
mail (portal.mail) in separate steps. If one of them fails (the database
connection lost half-way), nothing of the signup stays: no account without
its address, none whose mail was never queued.
"""

from allauth.account.views import signup
from allauth.headless.account.views import SignupView
from allauth.headless.constants import Client
from django.db import transaction
from django.urls import path

atomic_signup = transaction.atomic(signup)


def atomic_headless_signup(client: Client):
    return transaction.atomic(SignupView.as_api_view(client=client))


# Before allauth's own patterns, under the same paths and names.
account_urlpatterns = [path("signup/", atomic_signup, name="account_signup")]
headless_urlpatterns = [
    path(f"{client.value}/v1/auth/signup", atomic_headless_signup(client))
    for client in (Client.BROWSER, Client.APP)
]
