"""The "facet:value" keys the engines aggregate in one go (projets.facets.facet_keys)."""

import pytest

from projets import choices
from projets.facets import FACETS, facet_keys, facet_values, split_facet_key
from search.engine_query import facet_counts
from tests.factories import OrganisationFactory, ThemeFactory, region


@pytest.mark.django_db
def test_a_case_study_has_one_key_per_facet_value(make_project):
    parent = ThemeFactory(name="Économie sociale et solidaire", slug="ess")
    page = make_project(
        title="Mesurer l'impact social",
        themes=[ThemeFactory(name="Impact social", slug="impact-social", parent=parent)],
        territories=[region("32")],
        partners=[(OrganisationFactory(kind=choices.OrganisationKind.NETWORK), choices.PartnerRole.LEAD)],
        start_year=2016,
    )
    keys = page.facet_keys()
    assert {"theme:ess", "theme:impact-social", "region:32", "partner_kind:reseau", "year:2016"} <= set(keys)
    assert sorted(keys) == sorted(f"{name}:{value}" for name, values in facet_values(page).items() for value in values)


def test_a_key_splits_at_its_first_colon_only():
    assert split_facet_key("theme:a:b") == ("theme", "a:b")
    assert facet_keys({"theme": ["a:b"], "status": []}) == ["theme:a:b"]


def test_counts_from_buckets_keep_every_facet_and_drop_empty_or_unknown_values():
    buckets = [
        {"key": "theme:ess", "doc_count": 7},
        {"key": "region:32", "doc_count": 3},
        {"key": "year:2016", "doc_count": 2},
        {"key": "format:", "doc_count": 4},  # a case study without a cooperation format
        {"key": "unknown:x", "doc_count": 1},  # a facet no longer declared, in an index not yet rebuilt
    ]
    counts = facet_counts(buckets)
    assert set(counts) == {facet.name for facet in FACETS}
    assert counts["theme"] == {"ess": 7}
    assert counts["region"] == {"32": 3}
    assert counts["year"] == {"2016": 2}
    assert counts["format"] == {}
