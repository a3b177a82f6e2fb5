"""What happens on a project that others may want to hear of.

Pages sends these; it does not know who listens (the notifications app
connects its receivers in its ``ready()``). Receivers must not break the
sender: send them with ``send_robust``.
"""

from django.dispatch import Signal

# Sent once per news post when it becomes public: the page is live and
# public, and the post's date has come. Keyword arguments: ``page`` (the
# ProjectPage, specific) and ``news`` (the ProjectNews with ``pk``, ``key``
# (a UUID that stays the same across page revisions), ``title``, ``date``,
# ``body`` and ``anchor`` (the post's id on the project page)).
news_published = Signal()
