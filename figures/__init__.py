"""Figures (Auswertung).

The dashboard of participation figures per department and the yearly report.
"""
