"""Display names are unique by how they look (accounts.skeleton), not by their lower case.

Existing accounts get their comparison key. Where two existing names read
alike, the older account (by date joined, then id) keeps its name and each
younger one gets the first free "<name> 2", "<name> 3", ...: the same
result on every run of the migration, on every copy of the database.
"""

from django.db import migrations, models

from accounts.skeleton import comparison_key

MAX_LENGTH = 40


def free_name(name, taken):
    number = 2
    while True:
        suffix = f" {number}"
        candidate = name[: MAX_LENGTH - len(suffix)].rstrip() + suffix
        key = comparison_key(candidate)
        if key not in taken:
            return candidate, key
        number += 1


def fill_keys(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set()
    users = User.objects.exclude(display_name="").order_by("date_joined", "pk")
    for user in users.only("pk", "display_name").iterator():
        name = user.display_name.strip()
        key = comparison_key(name) or None
        if key is not None and key in taken:
            name, key = free_name(name, taken)
        if key is not None:
            taken.add(key)
        User.objects.filter(pk=user.pk).update(display_name=name, display_name_skeleton=key)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="user",
            name="unique_display_name_ci",
        ),
        migrations.AddField(
            model_name="user",
            name="display_name_skeleton",
            field=models.CharField(
                blank=True, editable=False, max_length=255, null=True, unique=True
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
