"""``manage.py backup``: database (pg_dump -Fc) and media into a timestamped directory."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups import archive
from backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Writes BACKUP_ROOT/<UTC timestamp>/ with database.dump (pg_dump custom format), "
        "media.tar.gz (MEDIA_ROOT) and manifest.json (versions, migrations, row counts, "
        "checksums). Prints the directory."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Parent directory (default: the BACKUP_ROOT setting)."
        )
        parser.add_argument(
            "--no-media", action="store_true", help="Database only (media backed up elsewhere)."
        )

    def handle(self, *args, output, no_media, **options):
        try:
            path = archive.create(output or Path(settings.BACKUP_ROOT), include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = archive.open_backup(path).manifest
        rows = sum(manifest["database"]["row_counts"].values())
        media = manifest["media"]
        if options["verbosity"] >= 1:
            self.stderr.write(
                f"Database: {len(manifest['database']['row_counts'])} tables, {rows} rows; "
                + (f"media: {media['files']} files." if media else "media: not included.")
            )
        self.stdout.write(str(path))
