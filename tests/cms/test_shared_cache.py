"""The cache the workers share (rate limits): chosen by CACHE_URL, its table made by every migrate."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate

from cms.apps import create_cache_tables
from cms.settings.environment import ConfigurationError, env_shared_cache


def test_the_database_by_default_and_redis_when_asked(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert env_shared_cache()["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("CACHE_URL", "redis://redis:6379/0")
    assert env_shared_cache() == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis:6379/0",
    }


@pytest.mark.parametrize("url", ["memcached://cache:11211", "redis://", "localhost:6379"])
def test_another_cache_address_stops_start_up_with_its_name(monkeypatch, url):
    monkeypatch.setenv("CACHE_URL", url)
    with pytest.raises(ConfigurationError, match="^CACHE_URL: "):
        env_shared_cache()


@pytest.mark.django_db
def test_the_end_of_migrate_creates_the_cache_table():
    table = settings.CACHES["shared"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    # migrate ends by sending post_migrate to this receiver (running migrate itself inside a test would re-run
    # every app's handlers on a database other tests share).
    assert any(key[0] == "cms.cache_tables" for key, *_ in post_migrate.receivers)
    create_cache_tables(sender=apps.get_app_config("cms"), using="default")
    assert table in connection.introspection.table_names()
    caches["shared"].set("essai", 1)
    assert caches["shared"].get("essai") == 1
