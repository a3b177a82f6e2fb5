"""Signals other apps can listen to without reaching into the polls services."""

from django.dispatch import Signal

# Sent inside the ballot's transaction after its answers were stored with
# bulk_create (which sends no post_save). Arguments: answers (list of Answer).
answers_stored = Signal()

# Sent inside the transaction that changed which live pages show which polls
# (polls.placements). Arguments: poll_ids (set of int, before and after).
placements_changed = Signal()
