"""allauth's headless adapter, adjusted to the portal's accounts.

Citizens appear under their pseudonymous display name, never the internal
username; a client shows ``display`` (the public name) in its header.
"""

import dataclasses

from allauth.headless.adapter import DefaultHeadlessAdapter


class HeadlessAdapter(DefaultHeadlessAdapter):
    def user_as_dataclass(self, user):
        data = super().user_as_dataclass(user)
        if getattr(user, "display_name", ""):
            data = dataclasses.replace(data, display=user.display_name)
        return data
