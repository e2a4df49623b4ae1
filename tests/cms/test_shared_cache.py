"""The cache the workers share (rate limits): chosen by CACHE_URL, its table made by every migrate."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

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
def test_migrate_creates_the_cache_table():
    table = settings.CACHES["shared"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert table in connection.introspection.table_names()
    caches["shared"].set("essai", 1)
    assert caches["shared"].get("essai") == 1
