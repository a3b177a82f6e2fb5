"""Wagtail's API v2 for the portal at /api/v2/: pages, images, documents, previews.

Split by concern like Wagtail's own ``api/v2``: ``router`` (the endpoints),
``views`` (viewsets), ``filters`` (status, department, topic, district),
``fields`` (ProjectPage's computed fields), ``errors`` (problem+json bodies)
and ``preview`` (drafts for wagtail-headless-preview).
"""
