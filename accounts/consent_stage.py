"""The consent as the last of allauth's login stages (see accounts.consent).

A module of its own: allauth loads its stages by path during a login, after
its own modules are ready; importing ``allauth.account.stages`` early (from
the models' neighbourhood) would run into allauth's import cycle.
"""

from allauth.account.stages import LoginStage
from allauth.core.internal.httpkit import headed_redirect_response

from accounts.consent import STAGE_KEY, has_current_consent


class ConsentStage(LoginStage):
    """The last step of every login: agree to changed documents before anything else."""

    key = STAGE_KEY
    urlname = "accounts:consent"

    def handle(self):
        user = self.login.user
        if user is None or has_current_consent(user):
            return None, True
        return headed_redirect_response(self.urlname), True
