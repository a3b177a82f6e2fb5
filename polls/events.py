"""Signals other apps can listen to without reaching into the polls services."""

from django.dispatch import Signal

# Sent after a ballot's answers were stored without post_save signals
# (polls.ballot_writes). Inside the ballot's transaction when the poll
# publishes free text and the answers contain some (what the search
# indexes), or when the poll limits ballots per network; otherwise the
# answers were stored by one statement and are committed already.
# Arguments: answers (list of Answer).
answers_stored = Signal()

# Sent inside the transaction that changed which live pages show which polls
# (polls.placements). Arguments: poll_ids (set of int, before and after).
placements_changed = Signal()
