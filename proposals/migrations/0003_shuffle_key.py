"""The random order's stored key: each existing proposal draws its own."""

import secrets

from django.db import migrations, models

import proposals.models


def draw_keys(apps, schema_editor):
    # AddField's callable default runs once for all rows: give each its own.
    proposal_model = apps.get_model("proposals", "Proposal")
    batch = []
    for proposal in proposal_model.objects.only("pk").iterator(chunk_size=2000):
        proposal.shuffle_key = secrets.randbits(proposals.models.SHUFFLE_BITS)
        batch.append(proposal)
        if len(batch) == 2000:
            proposal_model.objects.bulk_update(batch, ["shuffle_key"])
            batch = []
    proposal_model.objects.bulk_update(batch, ["shuffle_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_official_answer"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="shuffle_key",
            field=models.BigIntegerField(
                default=proposals.models.new_shuffle_key, editable=False
            ),
        ),
        migrations.RunPython(draw_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["collection", "shuffle_key", "id"], name="proposal_shuffled"
            ),
        ),
    ]
