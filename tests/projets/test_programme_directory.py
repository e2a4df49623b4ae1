"""/financements/: funding programmes with the public case studies they funded, in constant queries."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime
from wagtail.models import PageViewRestriction

from projets import choices, programme_table
from projets.models import FundingLine, FundingProgramme, ProgrammeLine, ProgrammeSource, ProjectPage
from projets.programme_directory import COUNT_LIMIT
from tests.factories import FundingLineFactory, OrganisationFactory, ThemeFactory, departement, region
from tests.projets.bulk_pages import add_case_studies

pytestmark = pytest.mark.django_db
URL = reverse("programme_list")
K, R = choices.OrganisationKind, choices.PartnerRole


def fund(page, programme, amount=None, years=(None, None)):
    return FundingLineFactory(
        page=page, funding_programme=programme, funder=programme.funder, amount=amount, year_from=years[0],
        year_to=years[1], programme="",
    )  # fmt: skip


@pytest.fixture
def catalogue(make_project):
    health = ThemeFactory(name="Santé", slug="sante")
    food = ThemeFactory(name="Alimentation", slug="alimentation", parent=health)
    region_npdc = OrganisationFactory(name="Région Nord-Pas-de-Calais", kind=K.LOCAL_AUTHORITY)
    idf = OrganisationFactory(name="Région Île-de-France", kind=K.LOCAL_AUTHORITY)
    citizens = FundingProgramme.objects.create(
        name="Chercheurs-citoyens", funder=region_npdc, territory=region("32"), year_from=2011,
        amounts="50 000 € par an au plus",
    )  # fmt: skip
    ProgrammeSource.objects.create(programme=citizens, title="Archives", url="https://example.org/a", secondary=True)
    picri = FundingProgramme.objects.create(name="PICRI", funder=idf, territory=region("11"), year_from=2005)
    secret = FundingProgramme.objects.create(name="Programme du brouillon")
    hidden = FundingProgramme.objects.create(name="Programme du privé")
    assoc = OrganisationFactory(name="Jardins du Nord", territory=departement("59"))
    lille = make_project(
        title="Jardins de Lille", themes=[food], start_year=2012, territories=[departement("59")],
        partners=[(assoc, R.ASSOCIATION)],
    )  # fmt: skip
    fund(lille, citizens, amount=Decimal("45000.50"), years=(2012, 2014))
    arras = make_project(title="Arras", start_year=2016, territories=[region("32")])
    fund(arras, citizens)  # amount unknown
    draft = make_project(title="Brouillon", publish=False, territories=[region("32")])
    fund(draft, secret, amount=Decimal("1000"))
    fund(draft, citizens, amount=Decimal("999999"))
    private = make_project(title="Privée", territories=[region("32")])
    fund(private, hidden, amount=Decimal("1000"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"citizens": citizens, "picri": picri, "lille": lille, "health": health, "make_project": make_project}


def names(response) -> list[str]:
    return [entry.programme.name for entry in response.context["programmes"]]


def test_lists_programmes_with_their_public_case_studies_only(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Chercheurs-citoyens", "PICRI"]
    text = response.text
    assert "Brouillon" not in text and "Privée" not in text and "du brouillon" not in text and "du privé" not in text
    entry = response.context["programmes"].object_list[0]
    assert entry.count == 2
    assert [line["page"].title for line in entry.lines] == ["Arras", "Jardins de Lille"]
    assert "montant non communiqué" in text
    assert " 0 €" not in text and ">0 €" not in text
    assert "source secondaire" in text


def test_amounts_are_french_and_unknown_is_never_zero(client, catalogue):
    text = client.get(URL).text
    assert "999" not in text  # the draft's line
    line = text.split("Jardins de Lille</a>")[1].split("</li>")[0]
    assert "45 000,50 €" in line
    line = text.split(">Arras</a>")[1].split("</li>")[0]
    assert "montant non communiqué" in line and "€" not in line


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "32"}, ["Chercheurs-citoyens"]),
        ({"region": "11"}, ["PICRI"]),  # its own territory, no case study yet
        ({"region": "84"}, []),
        ({"theme": "sante"}, ["Chercheurs-citoyens"]),  # a parent theme includes its sub-themes
        ({"theme": "alimentation", "region": "11"}, []),
        ({"de": "2015", "a": "2015"}, ["Chercheurs-citoyens", "PICRI"]),  # "since 2011": still running
        ({"de": "2016", "a": "2016", "region": "32"}, ["Chercheurs-citoyens"]),
        ({"de": "2013", "a": "2013", "theme": "alimentation"}, ["Chercheurs-citoyens"]),
        ({"a": "2004"}, []),
        ({"a": "2008"}, ["PICRI"]),
    ],
)
def test_filters(client, catalogue, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == expected


def test_case_studies_shown_are_those_that_pass_the_filters(client, catalogue):
    response = client.get(URL, {"theme": "alimentation"})
    entry = response.context["programmes"].object_list[0]
    assert [line["page"].title for line in entry.lines] == ["Jardins de Lille"]
    assert entry.count == 1


@pytest.mark.parametrize(
    "params",
    [
        {"region": "99"},
        {"theme": "inconnu"},
        {"de": "deux-mille"},
        {"de": "1800"},
        {"de": "２０１２"},
        {"de": "2015", "a": "2010"},
        {"region": "3\x002"},
    ],
)
def test_hostile_parameters_are_a_french_400(client, catalogue, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Requête invalide" in response.text


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "9" * 40])
def test_any_page_number_is_answered(client, catalogue, page):
    assert client.get(URL, {"page": page}).status_code == 200
    assert client.get(catalogue["citizens"].get_absolute_url(), {"page": page}).status_code == 200


def test_programme_page_and_the_case_study_links_to_it(client, catalogue):
    url = catalogue["citizens"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert "Jardins de Lille" in response.text and "Brouillon" not in response.text
    assert f'href="{url}"' in client.get(catalogue["lille"].url).text


def test_programmes_of_drafts_or_private_pages_are_404(client, catalogue):
    for name in ("Programme du brouillon", "Programme du privé"):
        assert client.get(FundingProgramme.objects.get(name=name).get_absolute_url()).status_code == 404


def test_sitemap_lists_the_directory_with_a_date(client, catalogue):
    text = client.get("/sitemap-vues.xml").content.decode()
    entry = text.split(f"{URL}</loc>")[1].split("</url>")[0]
    assert "<lastmod>" in entry


def test_sitemap_lists_each_public_programme_with_its_last_change(client, catalogue):
    with CaptureQueriesContext(connection) as captured:
        text = client.get("/sitemap-programmes.xml").content.decode()
    dated = dict(re.findall(r"<loc>[^<]*(/financements/[^<]+)</loc>\s*<lastmod>([0-9-]+)</lastmod>", text))
    citizens, picri = catalogue["citizens"], catalogue["picri"]
    assert set(dated) == {citizens.get_absolute_url(), picri.get_absolute_url()}  # not the draft's, the private's
    assert dated[picri.get_absolute_url()] == localtime(picri.modified_at).date().isoformat()
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"projets_fundingprogramme"."description"' not in sql  # plain values, not whole programmes
    assert "/sitemap-programmes.xml" in client.get("/sitemap.xml").content.decode()
    # A case study naming it published, or the programme edited: a later date.
    before = FundingProgramme.objects.get(pk=citizens.pk).modified_at
    catalogue["lille"].save_revision().publish()
    assert FundingProgramme.objects.get(pk=citizens.pk).modified_at > before
    before = FundingProgramme.objects.get(pk=picri.pk).modified_at
    picri.save()
    assert FundingProgramme.objects.get(pk=picri.pk).modified_at > before


PARAMS = [{}, {"region": "32"}, {"theme": "sante", "de": "2000", "a": "2030"}, {"page": "2"}]


def query_counts(client, urls) -> list[int]:
    counts = []
    for url, params in urls:
        client.get(url, params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        counts.append(len(captured.captured_queries))
    return counts


def test_queries_are_the_same_at_two_sizes(client, catalogue):
    make_project = catalogue["make_project"]
    urls = [(URL, params) for params in PARAMS] + [(catalogue["citizens"].get_absolute_url(), {})]

    def grow(start, number):
        for index in range(start, start + number):
            funder = OrganisationFactory(name=f"Fondation {index}", kind=K.FOUNDATION)
            programme = FundingProgramme.objects.create(name=f"Programme {index:03}", funder=funder, year_from=2010)
            ProgrammeSource.objects.create(programme=programme, title="Page", url="https://example.org/p")
            for number in range(2):
                page = make_project(
                    title=f"Étude {index}-{number}", themes=[catalogue["health"]], territories=[region("32")]
                )
                fund(page, programme, amount=Decimal(1000 * number), years=(2012, 2013))
                fund(page, catalogue["citizens"], amount=None, years=(2012, 2012))

    grow(0, 20)  # past one page of 20 programmes, past the 5 case studies shown per programme
    small = query_counts(client, urls)
    grow(20, 15)
    large = query_counts(client, urls)
    assert large == small
    assert max(small) <= 13, small  # 12, and the footer's contact address (cms.ContactSettings)


def test_filtered_listing_reads_lines_by_key(client, catalogue):
    """Kept at publication (ProgrammeLine), never the case studies' themes and territories at each request."""
    params = {"region": "32", "theme": "sante", "de": "2010", "a": "2020"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert names(response) == ["Chercheurs-citoyens"]
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "projets_programmeline" in sql
    assert "projets_projectpage_themes" not in sql and "projets_projectpage_territories" not in sql


def rows(page) -> set[tuple]:
    return set(ProgrammeLine.objects.filter(page=page).values_list("programme_id", "region", "theme", "start", "end"))


def test_rows_follow_publication_and_a_rebuild_writes_the_same(client, catalogue):
    lille, citizens = catalogue["lille"], catalogue["citizens"].pk
    combos = {(r, t) for r in ("", "32") for t in ("", "alimentation", "sante")}
    assert rows(lille) == {(citizens, r, t, 2012, 2014) for r, t in combos}
    before = set(ProgrammeLine.objects.values_list("line_id", "region", "theme", "start", "end"))
    assert programme_table.sync_all() == 3  # the live case studies, the private one included
    assert set(ProgrammeLine.objects.values_list("line_id", "region", "theme", "start", "end")) == before
    lille.unpublish()
    assert rows(lille) == set()
    assert names(client.get(URL, {"theme": "alimentation"})) == []
    lille.themes.set([catalogue["health"]])
    lille.save_revision().publish()
    assert {theme for _, _, theme, _, _ in rows(lille)} == {"", "sante"}
    assert names(client.get(URL, {"theme": "sante", "region": "32"})) == ["Chercheurs-citoyens"]


def test_count_is_exact_up_to_the_limit_then_more_than_it(client, project_index):
    """Up to COUNT_LIMIT case studies the listing gives their number, past it « Plus de 100 », filtered or not;
    the programme's own page counts them all."""
    programme = FundingProgramme.objects.create(name="Grand programme")
    add_case_studies(project_index, COUNT_LIMIT + 1)
    pages = ProjectPage.objects.filter(slug__startswith="etude-bulk-").order_by("pk").values_list("pk", flat=True)

    def fund_in_bulk(page_ids):
        lines = [
            FundingLine(page_id=pk, funding_programme=programme, kind=choices.FundingKind.PUBLIC_GRANT, year_from=2015)
            for pk in page_ids
        ]
        FundingLine.objects.bulk_create(lines)
        programme_table.sync_all()  # written in bulk, without the publication signals

    def listed(params):
        response = client.get(URL, params)
        return response.context["programmes"].object_list[0], response.text

    fund_in_bulk(list(pages)[:COUNT_LIMIT])
    for params in ({}, {"de": "2015"}):
        entry, text = listed(params)
        assert (entry.count, entry.count_capped) == (COUNT_LIMIT, False)
        assert f"{COUNT_LIMIT} études de cas financées" in text and "Plus de" not in text
        assert f"Voir les {COUNT_LIMIT} études de cas" in text
    fund_in_bulk(list(pages)[COUNT_LIMIT:])
    for params in ({}, {"de": "2015"}):
        entry, text = listed(params)
        assert entry.count_capped
        assert f"Plus de {COUNT_LIMIT} études de cas financées" in text and "Voir toutes les études de cas" in text
    assert client.get(programme.get_absolute_url()).context["entry"].count == COUNT_LIMIT + 1
