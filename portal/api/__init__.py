"""The participation JSON API (django-ninja).

``main`` composes the apps' routers into one NinjaAPI; ``problems``,
``auth`` and ``parsers`` are the conventions every router shares. Apps
import those submodules, never ``main``, so there is no import cycle.
"""
