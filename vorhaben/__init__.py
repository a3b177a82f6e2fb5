"""Planned participation (Beteiligungsvorhaben).

The departments' register, the internal pre-vote and the public Vorhabenliste.
"""
