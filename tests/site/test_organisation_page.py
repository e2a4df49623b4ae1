"""An organisation with many case studies: a page of them at a time, its most frequent partners, the same few
queries whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from projets import choices
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    """Two case studies per page and two partners shown: the same paths as 24 and 30, with fewer pages."""
    from projets import organisation_page

    monkeypatch.setattr(organisation_page, "CASE_STUDIES_PER_PAGE", 2)
    monkeypatch.setattr(organisation_page, "PARTNERS_SHOWN", 2)


def network(make_project, count: int, partners=()):
    """An association leading `count` case studies (start years 2001, 2002…), with these other partners."""
    association = OrganisationFactory(name="Réseau des centres sociaux", kind=choices.OrganisationKind.ASSOCIATION)
    lead = [(association, choices.PartnerRole.LEAD)]
    pages = [
        make_project(title=f"Coopération n° {number}", start_year=2000 + number, partners=lead + list(partners))
        for number in range(1, count + 1)
    ]
    return association, pages


def cards(html: str) -> list[str]:
    section = html.split('id="etudes"', 1)[1].split("</section>", 1)[0]
    return [card.split("</a>", 1)[0].rsplit(">", 1)[1] for card in section.split('<li class="card">')[1:]]


def test_case_studies_come_a_page_at_a_time_latest_start_first(client, make_project, small_pages):
    association, _pages = network(make_project, 3)
    hidden = make_project(
        title="Brouillon du réseau", partners=[(association, choices.PartnerRole.LEAD)], publish=False
    )
    first = client.get(association.get_absolute_url()).content.decode()
    assert cards(first) == ["Coopération n° 3", "Coopération n° 2"]
    assert "(3)</span>" in first  # all of them counted, the draft not
    assert 'rel="next" href="?page=2#etudes"' in first and "Page 1 sur 2" in first
    second = client.get(association.get_absolute_url() + "?page=2").content.decode()
    assert cards(second) == ["Coopération n° 1"]
    assert 'rel="prev"' in second and hidden.title not in first + second


@pytest.mark.parametrize("number", ["abc", "0", "-1", "2.5"])
def test_a_bad_page_number_still_shows_a_page(client, make_project, small_pages, number):
    association, _pages = network(make_project, 3)
    response = client.get(association.get_absolute_url(), {"page": number})
    assert response.status_code == 200
    assert len(cards(response.content.decode())) in (1, 2)


@pytest.mark.parametrize("number", ["3", "999", "1" * 30])
def test_a_page_past_the_last_says_so_and_head_answers_as_get(client, make_project, small_pages, number):
    association, _pages = network(make_project, 3)
    url = f"{association.get_absolute_url()}?page={number}"
    got = client.get(url)
    html = got.content.decode()
    assert got.status_code == 200
    assert f"La page {number} n'existe pas : il y a 2 pages." in html
    assert 'href="?page=2#etudes"' in html and not cards(html)
    head = client.head(url)
    assert (head.status_code, head["Content-Length"]) == (200, str(len(got.content)))
    assert head.content == b""


def test_the_most_frequent_partners_then_how_many_others(client, make_project, small_pages):
    lab = OrganisationFactory(name="Laboratoire de sociologie")
    frequent = [(lab, choices.PartnerRole.RESEARCH)]
    association, pages = network(make_project, 2, partners=frequent)
    for name in ("Fédération A", "Fédération B", "Fédération C"):
        make_project(
            title=f"Avec {name}",
            partners=[
                (association, choices.PartnerRole.LEAD),
                (OrganisationFactory(name=name), choices.PartnerRole.SUPPORT),
            ],
        )
    private_partner = OrganisationFactory(name="Partenaire d'une étude réservée")
    private = make_project(
        title="Réservée",
        partners=[(association, choices.PartnerRole.LEAD), (private_partner, choices.PartnerRole.SUPPORT)],
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(association.get_absolute_url()).content.decode()
    section = html.split('id="partenaires"', 1)[1].split("</section>", 1)[0]
    # The lab shares 2 case studies, then the first by name of those sharing one; 2 others; never the private one.
    assert section.index("Laboratoire de sociologie") < section.index("Fédération A")
    assert "2 projets communs" in section and "1 projet commun" in section
    assert "Fédération B" not in section and "Et 2 autres organisations" in section
    assert private_partner.name not in html


def test_query_count_does_not_grow_with_case_studies(client, make_project, django_assert_max_num_queries):
    association, _pages = network(make_project, 2, partners=[(OrganisationFactory(), choices.PartnerRole.SUPPORT)])
    url = association.get_absolute_url()
    client.get(url)  # warm the site-root cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    lead = [(association, choices.PartnerRole.LEAD)]
    for number in range(6):
        make_project(title=f"Encore {number}", partners=lead + [(OrganisationFactory(), choices.PartnerRole.SUPPORT)])
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
