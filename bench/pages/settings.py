"""Production settings plus the demo app, to load the demo content into the benchmark database.

Only ``manage.py load_demo_content`` and ``setup_data.py`` run with these;
gunicorn serves with ``portal.settings.production`` itself.
"""

from portal.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
