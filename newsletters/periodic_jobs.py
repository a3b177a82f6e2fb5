"""The newsletter app's periodic jobs (``scheduling.registry``)."""

from datetime import timedelta

from newsletters.services import send_scheduled
from scheduling.registry import register

register(
    "newsletters.send_scheduled",
    timedelta(minutes=5),
    send_scheduled,
    description="Sends the newsletters whose scheduled time has come; resumes stalled sends.",
)
