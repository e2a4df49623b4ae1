"""bench.sweep: every public URL type (and the admin) is found in the database, answers, and is measured."""

import pytest

from bench import sweep
from projets import choices
from tests.factories import ContractFactory, LessonFactory, OrganisationFactory, departement

REQUIRED = {
    "home",
    "catalogue",
    "case_study",
    "search_page",
    "search_api",
    "explorer",
    "precedents",
    "precedents_api",
    "precedents_csv",
    "precedents_compare",
    "precedents_guide",
    "lessons",
    "lessons_category",
    "organisation",
    "feed",
    "export_projects_csv",
    "sitemap_index",
    "sitemap_pages_1",
    "sitemap_organisations",
    "admin",
    "admin_case_studies",
    "admin_case_studies_by_region",
    "admin_case_studies_in_region",
}


@pytest.fixture
def small_catalogue(make_project, search_backend):
    association = OrganisationFactory(name="Jardins du Nord", kind=choices.OrganisationKind.ASSOCIATION)
    laboratory = OrganisationFactory(name="Laboratoire Lille", kind=choices.OrganisationKind.RESEARCH_UNIT)
    for number in range(2):
        page = make_project(
            title=f"Jardins partagés {number}",
            territories=[departement("59")],
            partners=[(association, choices.PartnerRole.LEAD), (laboratory, choices.PartnerRole.RESEARCH)],
        )
        ContractFactory(page=page, kind=choices.ContractKind.COLLABORATION)
        LessonFactory(page=page, kind="levier", category=choices.LessonCategory.values[0], text="Se voir souvent.")
    return page


@pytest.mark.django_db(transaction=False)
def test_every_url_type_is_swept_and_answers(small_catalogue):
    printed = []
    rows = sweep.sweep(repeat=1, stream_repeat=1, progress=lambda row: printed.append(sweep.format_row(row)))
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) >= REQUIRED
    assert {name: row["status"] for name, row in by_name.items() if row["status"] != 200} == {}
    for row in rows:
        assert row["bytes"] > 0, row
        assert row["n"] == 1 and row["p50"] is not None and row["p95"] is not None
        assert row["sql_queries"] >= 0
    assert by_name["precedents_csv"]["first_chunk_p50"] is not None  # streamed: read to the end
    assert by_name["home"]["first_chunk_p50"] is None
    assert len(printed) == len(rows)
    assert sweep.HEADER.split()[:2] == ["url", "type"]


def test_only_keeps_the_matching_url_types(small_catalogue):
    rows = sweep.sweep(repeat=1, only="precedents", include_exports=False)
    assert rows and all("precedents" in row["name"] or "precedents" in row["url"] for row in rows)
