"""``manage.py sync_department_groups``: the role groups of every unit, made or renamed."""

from django.core.management.base import BaseCommand

from departments.groups import sync_groups


class Command(BaseCommand):
    help = "Creates the role groups (Redaktion, Moderation, Auswertung, Mitarbeitende) per unit."

    def handle(self, *args, **options):
        groups = sync_groups()
        self.stdout.write(f"{len(groups)} role groups are in place.")
