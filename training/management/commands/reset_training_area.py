"""``manage.py reset_training_area``: the practice area back to its known state.

Its output is German, like the admin (commands run in LANGUAGE_CODE).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from training.practice import reset_practice_area


class Command(BaseCommand):
    help = (
        "Resets the practice area (Übungsbereich): deletes it with its polls and comments "
        "and builds it again from training/data/uebungsbereich.yaml."
    )

    def handle(self, *args, **options):
        report = reset_practice_area()
        self.stdout.write(
            _("Deleted: %(pages)d pages, %(polls)d polls, %(comments)d comments.")
            % {
                "pages": report.deleted_pages,
                "polls": report.deleted_polls,
                "comments": report.deleted_comments,
            }
        )
        self.stdout.write(_("Created: %(titles)s.") % {"titles": ", ".join(report.created)})
        self.stdout.write(self.style.SUCCESS(_("The practice area has been reset.")))
