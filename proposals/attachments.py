"""A proposal's attachment: a PDF, recognised by its content, not by its name or declared type.

A PDF starts with ``%PDF-`` and ends with an ``%%EOF`` marker (trailing
whitespace or a few bytes of junk after it are common, so the end is looked
for in the last kilobyte). It is stored under a random name and served only
as a download (``proposals.media_views``).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.translation import gettext as _

from proposals.images import megabytes

PDF_START = b"%PDF-"
PDF_END = b"%%EOF"
TAIL = 1024


class AttachmentRefused(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def clean_attachment(upload):
    """The upload, rewound, if it is a PDF within the limit; else ``AttachmentRefused``."""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    if size > settings.PROPOSALS_ATTACHMENT_MAX_BYTES:
        message = _("The file is too large: at most %(limit)s MB, please.") % {
            "limit": megabytes(settings.PROPOSALS_ATTACHMENT_MAX_BYTES)
        }
        raise AttachmentRefused(message, "attachment_too_large")
    upload.seek(0)
    start = upload.read(len(PDF_START))
    upload.seek(max(0, size - TAIL))
    tail = upload.read(TAIL)
    upload.seek(0)
    if start != PDF_START or PDF_END not in tail:
        raise AttachmentRefused(
            _("Only PDF files can be attached, and this file is not one (or it is damaged)."),
            "attachment_format",
        )
    return upload
