"""The synthetic case-study generator: counts, determinism, a valid tree, pages that render."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from bench.synthetic import writer
from bench.synthetic.compose import REFERENCE_PREFIX
from projets.models import ProjectPage
from tests.conftest import shared_data

COUNT = 50


def snapshot(seed: int) -> list[tuple]:
    pages = ProjectPage.objects.filter(reference__startswith=f"{REFERENCE_PREFIX}{seed}-").order_by("reference")
    return [
        (
            page.reference,
            page.title,
            page.slug,
            page.summary,
            str(page.body.raw_data),
            tuple(page.partners.values_list("organisation__slug", "role")),
            tuple(page.funding_lines.values_list("kind", "amount")),
            tuple(page.contracts.values_list("kind", "publication")),
            tuple(page.themes.order_by("slug").values_list("slug", flat=True)),
            tuple(page.territories.order_by("code").values_list("code", flat=True)),
        )
        for page in pages.prefetch_related(None)
    ]


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    """Generated once for the module: each test's own writes (a purge, a second seed) are rolled back."""
    from cms.demo import build_site_tree

    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            build_site_tree()
            result = writer.generate(COUNT, seed=7, batch_size=20)
        yield result


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_counts_and_ranges(generated):
    pages = ProjectPage.objects.filter(reference__startswith="SYN-7-")
    assert generated.created == COUNT == pages.count()
    for page in pages.prefetch_related("partners", "funding_lines", "contracts", "themes", "territories"):
        assert 2 <= len(page.partners.all()) <= 20
        assert 1 <= len(page.funding_lines.all()) <= 5
        assert 0 <= len(page.contracts.all()) <= 3
        assert 1 <= len(page.themes.all()) <= 3
        assert 1 <= len(page.territories.all()) <= 2
        assert page.lessons.exists() and page.outputs.exists()
        assert "synthétique" in page.title
        assert list(page.tags.names()) == ["synthétique"]
        assert len(page.summary) <= 300
    words = sum(len(str(block.value).split()) for block in pages.first().body)
    assert words >= 150


def test_tree_is_consistent_and_pages_are_live(generated):
    assert Page.find_problems() == ([], [], [], [], [])
    index = ProjectPage.objects.first().get_parent()
    assert index.numchild == COUNT == index.get_children().live().count()
    assert ProjectPage.objects.filter(live=True, first_published_at__isnull=False).count() == COUNT


def test_same_seed_same_data(generated):
    first = snapshot(7)
    assert writer.purge(7) == COUNT
    assert Page.find_problems() == ([], [], [], [], [])
    writer.generate(COUNT, seed=7, batch_size=13)
    assert snapshot(7) == first
    writer.generate(5, seed=8)
    assert snapshot(8) != first[:5]


def test_same_seed_twice_is_refused(generated):
    with pytest.raises(writer.SyntheticDataError):
        writer.generate(1, seed=7)


def test_pages_render(generated, client):
    page = ProjectPage.objects.filter(reference__startswith="SYN-7-").order_by("?").first()
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert page.partners.first().organisation.name in response.content.decode()
    assert client.get(page.get_parent().url, HTTP_HOST="localhost").status_code == 200


def test_command_refuses_production_settings(home_page, settings):
    settings.SETTINGS_MODULE = "cms.settings.production"
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusées"):
        call_command("generate_projects", count=1, seed=3, no_index=True)
    assert not ProjectPage.objects.exists()


def test_command_prints_progress(home_page, capsys):
    call_command("generate_projects", count=3, seed=4, no_index=True)
    out = capsys.readouterr().out
    assert "3/3" in out and "3 études de cas créées" in out


def test_facet_table_is_filled_as_publishing_would(generated):
    """The database backends filter and count facets from search.SearchFacet: synthetic pages are there."""
    from projets.facets import FACET_PREFETCH, facet_values
    from search.models import SearchFacet

    pages = ProjectPage.objects.filter(reference__startswith="SYN-7-").prefetch_related(*FACET_PREFETCH)
    expected = {
        (page.pk, name, value) for page in pages for name, values in facet_values(page).items() for value in values
    }
    stored = set(SearchFacet.objects.filter(page__in=pages).values_list("page_id", "facet", "value"))
    assert stored == expected
    assert {name for _pk, name, _value in stored} >= {"theme", "region", "partner_kind", "status"}


def test_missing_parts_are_stored_as_publishing_would(generated):
    from projets.completeness import missing_parts_of

    pages = ProjectPage.objects.filter(reference__startswith="SYN-7-")
    for page in pages:
        assert page.missing_parts == missing_parts_of(page) == "sources"


def test_region_names_are_stored_as_publishing_would(generated):
    from projets.page_regions import region_names_of

    pages = ProjectPage.objects.filter(reference__startswith="SYN-7-").prefetch_related("territories__region")
    assert all(page.region_names == region_names_of(page) for page in pages)
    assert any(page.region_names for page in pages)
