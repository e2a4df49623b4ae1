"""The index follows the page tree: publish, unpublish, move, delete and make private all show in results."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import ContentPage
from search.query import parse_request
from search.service import search

pytestmark = pytest.mark.django_db


def found(search_backend, text="mutualisation"):
    search_backend.refresh_indexes()
    return {hit.page.pk: hit.page.url for hit in search(parse_request({"q": text})).hits}


def test_each_change_of_the_tree_updates_the_results(make_project, search_backend, home_page):
    page = make_project(title="Mutualisation des savoirs", slug="mutualisation", publish=False)
    assert page.pk not in found(search_backend)

    page.save_revision().publish()
    assert page.pk in found(search_backend)

    page.refresh_from_db()
    page.title = "Partage des savoirs"
    page.save_revision().publish()
    assert page.pk not in found(search_backend)
    assert page.pk in found(search_backend, "partage")

    page.refresh_from_db()
    page.unpublish()
    assert page.pk not in found(search_backend, "partage")

    page.save_revision().publish()
    page.refresh_from_db()
    archive = ContentPage(title="Archives", slug="archives")
    home_page.add_child(instance=archive)
    archive.save_revision().publish()
    page.move(archive, pos="last-child")
    assert found(search_backend, "partage")[page.pk] == "/archives/mutualisation/"

    PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)
    assert page.pk not in found(search_backend, "partage")
    PageViewRestriction.objects.filter(page=archive).delete()
    assert page.pk in found(search_backend, "partage")

    page.specific.delete()
    assert page.pk not in found(search_backend, "partage")
