"""``manage.py restore <backup>``: into an empty database, then verify it."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backups import archive, database
from backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Restores a backup written by `manage.py backup` into the configured database "
        "(which must be empty unless --force) and MEDIA_ROOT, then checks row counts "
        "against the manifest, pending migrations and the search index (reindexing if needed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup directory.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database and media folder that are not empty.",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave MEDIA_ROOT alone.")

    def handle(self, *args, backup, force, no_media, **options):
        try:
            self.restore(backup, force=force, restore_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def restore(self, path, *, force, restore_media):
        database.require_postgres()
        backup = archive.open_backup(path)
        self.say(f"Backup of {backup.manifest['created_at']}: checksums match.")
        non_empty = []
        if database.current_counts():
            non_empty.append(f"the database {database.connection_parameters()['dbname']}")
        restore_media = restore_media and backup.media_file is not None
        if restore_media and not archive.media_is_empty():
            non_empty.append(f"the media folder {archive.media_root()}")
        if non_empty and not force:
            raise BackupError(
                f"Refusing to overwrite {' and '.join(non_empty)}: it is not empty. "
                "Restore into a new, empty database (createdb) and media folder, "
                "or pass --force to replace its contents."
            )

        database.restore(backup.database_file, clean=bool(non_empty))
        differences = archive.count_differences(
            backup.manifest["database"]["row_counts"], database.current_counts()
        )
        if differences:
            raise BackupError("Row counts differ from the manifest: " + "; ".join(differences))
        rows = sum(backup.manifest["database"]["row_counts"].values())
        self.say(f"Database restored: {rows} rows, row counts match the manifest.")
        if restore_media:
            files = archive.restore_media(backup)
            self.say(f"Media restored: {files} files into {archive.media_root()}.")

        # The restore replaced the tables under this connection's feet.
        connection.close()
        pending = self.pending_migrations()
        if pending:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(pending)} migrations of this code are not applied to the backup "
                    f"(first: {pending[0]}). Run `manage.py migrate`, then "
                    "`manage.py search_check --fix`."
                )
            )
            return
        self.say("Migrations: the database matches the code.")
        self.check_search()
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))

    def pending_migrations(self) -> list[str]:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]

    def check_search(self):
        """An index kept outside the database (Elasticsearch) is rebuilt when it differs."""
        try:
            call_command("search_check", verbosity=0, stdout=self.stdout)
        except CommandError:
            self.say("The search index differs from the restored database: rebuilding it.")
            call_command("reindex", verbosity=0, stdout=self.stdout)
            call_command("search_check", verbosity=0, stdout=self.stdout)

    def say(self, message):
        if self.verbosity >= 1:
            self.stdout.write(message)

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)
