"""How each kind of delivery becomes a message: the app that queues a kind registers its renderer.

A renderer takes a ``Delivery`` and returns an ``EmailMultiAlternatives``
(plain text body, HTML alternative, headers), or ``None`` when there is
nothing to send any more (the event or its recipient is gone): the row is
then marked sent with that note, never retried. A renderer that must not
send what it would say (the project became restricted since the row was
queued) raises ``Withheld(reason)``: the row is marked failed with the
reason, for the outbox report, and never sent.
``notifications.delivery`` sets the recipient and sends it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives

Renderer = Callable[["Delivery"], EmailMultiAlternatives | None]  # noqa: F821


class Withheld(Exception):
    """Raised by a renderer whose message must not go out; its text is the reason."""


_renderers: dict[str, Renderer] = {}


def register(kind: str) -> Callable[[Renderer], Renderer]:
    def decorator(renderer: Renderer) -> Renderer:
        if kind in _renderers:
            raise ValueError(f"A renderer for {kind!r} deliveries is already registered.")
        _renderers[kind] = renderer
        return renderer

    return decorator


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise LookupError(f"No renderer is registered for {kind!r} deliveries.") from None
