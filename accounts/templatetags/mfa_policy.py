"""Lets the two-factor pages say why an editor was sent there."""

from django import template

register = template.Library()


@register.simple_tag
def mfa_required_for(user) -> bool:
    # Imported here: template tag libraries load with the template engine,
    # before (and whether or not) allauth.mfa is installed.
    from accounts.mfa_required import admin_mfa_required

    return admin_mfa_required(user)
