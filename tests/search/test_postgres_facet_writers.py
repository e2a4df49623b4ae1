"""Two transactions writing facet rows of the same values at once (PostgreSQL's facet id lists, migration 0005).

Committed data seen from two real connections, hence a transactional test of its own.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection

from tests.wagtail_roots import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)

INSERT = "INSERT INTO coop_search_searchfacet (facet, value, page_id) VALUES (%s, %s, %s)"


@pytest.fixture(autouse=True)
def wagtail_roots(transactional_db):
    """An earlier transactional test's flush removed the root page its migrations made (autouse: first)."""
    ensure_wagtail_roots()


def connect():
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )


def test_crossing_facet_writers_neither_deadlock_nor_lose_ids(make_project, search_backend):
    if connection.vendor != "postgresql":  # no id lists on SQLite: the migration made none
        assert "coop_search_facetpages" not in connection.introspection.table_names()
        return
    first_page = make_project(title="Premier", slug="premier")
    second_page = make_project(title="Second", slug="second")
    errors = []
    with connection.cursor() as cursor:  # so that the universe (migration 0006) gets both pages from the writers
        cursor.execute("UPDATE coop_search_facetuniverse SET pages = '{}'")

    with connect() as first, connect() as second:
        first.execute(INSERT, ["theme", "zz-un", first_page.pk])

        def the_other_writer():
            # The opposite order: without writers taking turns, each would wait for the other's row.
            try:
                second.execute(INSERT, ["theme", "zz-deux", second_page.pk])
                second.execute(INSERT, ["theme", "zz-un", second_page.pk])
                second.commit()
            except psycopg.Error as error:  # a deadlock would end up here
                errors.append(error)
                second.rollback()

        other = threading.Thread(target=the_other_writer)
        other.start()
        time.sleep(0.5)
        assert other.is_alive()  # waiting for the first writer to commit
        first.execute(INSERT, ["theme", "zz-deux", first_page.pk])
        first.commit()
        other.join(timeout=30)

    assert errors == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT value, pages FROM coop_search_facetpages WHERE value LIKE 'zz-%%' ORDER BY value")
        assert cursor.fetchall() == [
            ("zz-deux", sorted([first_page.pk, second_page.pk])),
            ("zz-un", sorted([first_page.pk, second_page.pk])),
        ]
        cursor.execute("SELECT pages FROM coop_search_facetuniverse")
        assert cursor.fetchall() == [(sorted([first_page.pk, second_page.pk]),)]
