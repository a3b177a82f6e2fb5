"""The German analysis changed (stem first, then fold: search.analysis).

Every indexed document is queued in the outbox, so the worker re-indexes it
with the new lexemes; ``manage.py reindex`` does the same at once and also
recounts the lexicon.
"""

from django.db import migrations


def queue_everything(apps, schema_editor):
    entry = apps.get_model("search", "SearchEntry")
    outbox = apps.get_model("search", "OutboxEntry")
    batch = []
    for key in entry.objects.values_list("key", flat=True).iterator(chunk_size=2000):
        source, _, object_id = key.partition(":")
        if object_id.isdigit():
            batch.append(outbox(source=source, object_id=int(object_id)))
        if len(batch) >= 2000:
            outbox.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    outbox.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_entry_state")]

    operations = [migrations.RunPython(queue_everything, migrations.RunPython.noop)]
