# Production image: gunicorn serving Coopérathèque. Static files are collected at start-up
# (see docker-compose.yml) so the image stays free of environment-specific settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/srv/static \
    MEDIA_ROOT=/srv/media \
    IMPORT_FILES_ROOT=/srv/imports

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/coop coop

WORKDIR /app
# The runtime lock only: test and development tools (requirements-dev.lock) stay out of the image.
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN mkdir -p /srv/static /srv/media /srv/imports && chown -R coop:coop /srv

USER coop
EXPOSE 8000
CMD ["gunicorn", "cms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--timeout", "30"]
