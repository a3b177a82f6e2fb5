"""The web edge: refusals to problem bodies and HTML, participants from requests, admin helpers."""
