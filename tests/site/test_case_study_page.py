"""The case-study page: every part shown, members-only documents locked, constant SQL queries."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.public_site import build_case_study

pytestmark = pytest.mark.django_db


def test_case_study_page_shows_every_part(client, make_project):
    page, association, lab = build_case_study(make_project)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "Chef de file",
        "Partenaire de recherche",
        association.get_absolute_url(),
        "Association loi 1901",
        "Total connu",
        "75 %",
        "Copropriété au prorata des apports",
        "Relecture préalable avec délai (30 jours)",
        "Des calendriers différents.",
        "Un comité de pilotage mensuel.",
        "Citer cette page",
        "/projets/?theme=education-populaire",
        "Hauts-de-France",
    ]:
        assert expected in html, expected
    citation = html.split("Citer cette page", 1)[1]
    # The address as a reader copies it: slugs are ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS off), nothing percent-encoded.
    assert "%C3" not in citation and page.url.endswith("/recherche-action-sur-leducation-populaire/")
    assert page.url in citation
    assert re.search(r"Total connu</th><td class=\"num\">40\s000 €", html)


def test_members_only_document_is_locked_for_visitors(client, make_project, django_user_model):
    page, _association, _lab = build_case_study(make_project)
    html = client.get(page.url).content.decode()
    assert "Document réservé aux membres" in html
    assert "/admin/login/?next=" in html
    assert "/documents/" not in html

    # Logged in is not enough: the collection is restricted to groups (Membres, Modérateurs).
    client.force_login(django_user_model.objects.create_user("inscrit", password="x"))
    html = client.get(page.url).content.decode()
    assert "Le modèle de document est réservé aux membres." in html
    assert "/documents/" not in html and "/admin/login/?next=" not in html

    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(Group.objects.get(name="Membres"))
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert "Télécharger le modèle de document" in html
    assert "/documents/" in html


@pytest.fixture(params=["few", "many"])
def side_reading(request, monkeypatch):
    """Each side of the related case studies read both ways: its links sorted (few), or the pages walked
    newest first (many, FEW_LINKS = 0 makes any link count "many"). Both must give the same pages."""
    from projets import page_context

    if request.param == "many":
        monkeypatch.setattr(page_context, "FEW_LINKS", 0)
    return request.param


def test_related_case_studies_share_a_theme_or_a_partner(client, make_project, side_reading):
    page, association, _lab = build_case_study(make_project)
    from projets import choices

    sibling = make_project(title="Une autre coopération", partners=[(association, choices.PartnerRole.LEAD)])
    stranger = make_project(title="Sans lien du tout")
    html = client.get(page.url).content.decode()
    assert sibling.title in html
    assert stranger.title not in html


def hidden_case_studies(make_project, **links) -> tuple:
    """A members-only case study and a draft, newer than the others, sharing `links` (themes, partners)."""
    private = make_project(title="Réservée aux membres", **links)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return private, make_project(title="Encore un brouillon", publish=False, **links)


def case_study_and_its_association(make_project) -> tuple:
    """The case study, and its association as a partner for others: [(organisation, role)]."""
    from projets import choices

    page, association, _lab = build_case_study(make_project)
    return page, [(association, choices.PartnerRole.ASSOCIATION)]


def related_section(client, page) -> str:
    return client.get(page.url).content.decode().split('id="voir-aussi"', 1)[1].split("</section>", 1)[0]


def test_related_case_studies_are_the_newest_public_ones_of_a_shared_theme(client, make_project, side_reading):
    page, _association, _lab = build_case_study(make_project)
    theme = page.themes.get()
    older = make_project(title="Plus ancienne sur le même thème", themes=[theme])
    newer = [make_project(title=f"Récente n° {number}", themes=[theme]) for number in range(4)]
    hidden = hidden_case_studies(make_project, themes=[theme])
    related = related_section(client, page)
    # The four newest public ones: the private one and the draft are newer still, yet never shown.
    assert [title for title in [project.title for project in newer] if title in related] == [
        project.title for project in newer
    ]
    for project in (older, *hidden):
        assert project.title not in related, project.title


def test_related_case_studies_are_the_newest_public_ones_of_a_shared_partner(client, make_project, side_reading):
    page, shared = case_study_and_its_association(make_project)
    older = make_project(title="Plus ancienne avec la même association", partners=shared)
    newer = [make_project(title=f"Récente n° {number}", partners=shared) for number in range(3)]
    newest_by_theme = make_project(title="La plus récente du même thème", themes=[page.themes.get()])
    hidden = hidden_case_studies(make_project, partners=shared)
    related = related_section(client, page)
    # Newest first, both sides together: the theme's newest page, then the three newest sharing the association.
    expected = [newest_by_theme.title] + [project.title for project in reversed(newer)]
    assert [title for title in expected if title in related] == expected
    assert sorted(expected, key=related.index) == expected
    for project in (older, *hidden):
        assert project.title not in related, project.title


def test_hidden_case_studies_never_fill_the_related_ones(client, make_project, side_reading):
    page, shared = case_study_and_its_association(make_project)
    sibling = make_project(title="La seule publique", partners=shared)
    hidden = hidden_case_studies(make_project, partners=shared)
    related = related_section(client, page)
    # Fewer public ones than the four places: the hidden ones are read too, and must not take the rest.
    assert sibling.title in related
    for project in hidden:
        assert project.title not in related, project.title
    assert related.count('<li class="card">') == 1


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_partners(client, make_project, django_assert_max_num_queries):
    small, *_ = build_case_study(make_project, partner_count=2, slug="petit")
    big, *_ = build_case_study(make_project, partner_count=20, title="Grand consortium", slug="grand")
    client.get(small.url)  # warm the site-root cache
    small_count = count_queries(client, small.url)
    assert count_queries(client, big.url) == small_count
    with django_assert_max_num_queries(small_count):
        client.get(big.url)
    # 26 since the JSON-LD reads partners and funders (one query each); 28 since the organisations to link
    # are those with a public page (Organisation.objects.publicly_visible(): restrictions, then one query);
    # 24 since the JSON-LD reuses the funding lines the page read; 23 since a case study is routed to in
    # one query (ProjectIndexPage.route), not a generic page then its specific fields; 20 since the view
    # restrictions are read once per request and the related case studies in one query, not three; 19
    # since the catalogue is routed to in one query too (HomePage.route); 17 since the site and the case
    # study's address are found in one statement, then the case study by key (projets.routing); 13 since its
    # themes, territories, keywords, lessons and sources are read in one statement (projets.page_lists); 14
    # since the footer names the team's contact address (cms.ContactSettings, one query a page).
    assert small_count <= 14
