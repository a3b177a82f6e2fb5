"""Receivers that keep follows in step with their targets (a removed project,
unit, topic or district takes its follows along)."""


def connect() -> None:
    """Connects this module's receivers; called from ``NotificationsConfig.ready``."""
