import secrets

from allauth.account.adapter import DefaultAccountAdapter

from portal.participants import ip_hash


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        """A random internal username: nothing of the e-mail address leaks into it.

        Citizens sign in with their e-mail address and appear under their
        display name, so the username only has to be unique.
        """
        if not user.username:
            user.username = f"user-{secrets.token_hex(6)}"

    def get_client_ip(self, request):
        """allauth keys its rate limits by client; it gets the salted hash, never the address."""
        return ip_hash(request)
