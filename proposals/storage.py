"""Where proposals' files live: a storage of their own, outside the public MEDIA_ROOT.

Files are named at random (``random_name``), never after the uploaded file,
and reach visitors only through ``proposals.media_views``, which apply the
proposal's visibility. A file goes when its row goes, once the deleting
transaction has committed (a rolled-back delete keeps it).
"""

from __future__ import annotations

import secrets

from django.core.files.storage import storages
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils.functional import LazyObject, empty

STORAGE_ALIAS = "proposals"


class ProposalStorage(LazyObject):
    """The ``proposals`` storage of STORAGES, looked up when first used (as ``default_storage``)."""

    def _setup(self):
        self._wrapped = storages[STORAGE_ALIAS]

    def reset(self) -> None:
        """Looks the storage up again (after STORAGES changed: tests)."""
        self._wrapped = empty


files = ProposalStorage()


def proposal_storage():
    """The storage of proposals' files: the model fields' and everyone else's."""
    return files


def random_name(folder: str, extension: str) -> str:
    return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"


def delete_on_commit(*names: str) -> None:
    """Removes the files once the current transaction commits (at once outside one)."""
    names = tuple(name for name in names if name)
    if not names:
        return

    def remove():
        storage = proposal_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove, robust=True)


def _image_deleted(sender, instance, **kwargs):
    delete_on_commit(instance.file.name)


def _proposal_deleted(sender, instance, **kwargs):
    delete_on_commit(instance.attachment.name)


def connect() -> None:
    # Senders by label: the models import this module for their storage.
    post_delete.connect(
        _image_deleted, sender="proposals.ProposalImage", dispatch_uid="proposal_image_file"
    )
    post_delete.connect(
        _proposal_deleted, sender="proposals.Proposal", dispatch_uid="proposal_attachment"
    )
