FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN pip install -c requirements.lock .
RUN DJANGO_SETTINGS_MODULE=portal.settings.dev python manage.py compilemessages -v 0 --ignore "*/site-packages/*"

RUN useradd --create-home portal && mkdir -p /data/media /data/proposal-media /app/staticfiles \
    && chown -R portal /data /app/staticfiles
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
