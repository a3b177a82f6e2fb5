"""Local development: debug on, e-mail to the console, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .environment import env_list, env_str

DEBUG = True
# The demo content (manage.py load_demo_content) is for development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# A fixed key is fine here: dev settings never serve real citizens.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
INTERNAL_IPS = ["127.0.0.1"]
# runserver serves static files itself in development.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# No worker needed while developing: background tasks run in the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
