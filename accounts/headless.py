"""The consent stage for headless clients, beside allauth's own stage endpoints.

A login that stops at ``accounts.consent_stage.ConsentStage`` answers 401 with a
pending flow ``{"id": "consent", "is_pending": true}`` (allauth's format, as
for ``verify_email`` or ``mfa_authenticate``); the client shows the
documents and sends ``POST /_allauth/{browser|app}/v1/auth/consent`` with
``{"consent": true}``, and gets allauth's authentication answer: signed
in, or the next pending flow.
"""

from allauth.headless.base.views import AuthenticationStageAPIView
from allauth.headless.constants import Client
from allauth.headless.internal.restkit import inputs
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.consent import record_consents
from accounts.consent_stage import ConsentStage
from accounts.signup import headless_urlpatterns


class ConsentInput(inputs.Input):
    consent = inputs.BooleanField(
        required=True, error_messages={"required": _("Please confirm this to continue.")}
    )


class ConsentView(AuthenticationStageAPIView):
    input_class = ConsentInput
    stage_class = ConsentStage

    def post(self, request, *args, **kwargs):
        record_consents(self.stage.login.user)
        return self.respond_next_stage()


urlpatterns = [
    path(
        f"{client.value}/v1/auth/consent",
        ConsentView.as_api_view(client=client),
        name=f"headless_{client.value}_consent",
    )
    for client in (Client.BROWSER, Client.APP)
]
urlpatterns += headless_urlpatterns
