"""Forms that name an owning unit offer an editor only their own units."""

from departments.models import Role
from departments.rules import units_choosable_by


def offer_own_units(form, field_name: str = "department", role: str = Role.EDITOR):
    """Narrows ``form``'s unit field to the units ``form.for_user`` holds ``role`` in.

    Returns the field (None when the form has none or no user), for further settings.
    """
    field = form.fields.get(field_name)
    user = getattr(form, "for_user", None)
    if field is None or user is None:
        return None
    field.queryset = units_choosable_by(user, role)
    return field
