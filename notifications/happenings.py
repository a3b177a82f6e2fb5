"""Receivers that turn what other apps report (pages' and comments' events)
into ``Event`` rows, and the fan-out that follows them."""


def connect() -> None:
    """Connects this module's receivers; called from ``NotificationsConfig.ready``."""
