"""Wagtail's default workflow, its task and its groups get German names.

Wagtail's migrations create them in English ("Moderators approval",
"Moderators", "Editors"); the admin showed buttons like "In Moderators
approval einreichen". Names an editor has changed since are left alone.
The group names avoid "Redaktion" and "Moderation": cities create groups
with those names themselves.
"""

from django.db import migrations

RENAMES = {
    ("wagtailcore", "Workflow"): {"Moderators approval": "Freigabe durch die Redaktion"},
    ("wagtailcore", "Task"): {"Moderators approval": "Freigabe"},
    ("auth", "Group"): {
        "Moderators": "Moderatorinnen und Moderatoren",
        "Editors": "Redakteurinnen und Redakteure",
    },
}


def rename(apps, schema_editor, reverse=False):
    for (app_label, model_name), names in RENAMES.items():
        model = apps.get_model(app_label, model_name)
        for old, new in names.items():
            if reverse:
                old, new = new, old
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_portal_settings_terms_page"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
