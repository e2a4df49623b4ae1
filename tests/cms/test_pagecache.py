"""The anonymous page cache: served from cache, never for someone's page, emptied when content changes."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from modelsearch.backends import get_search_backend
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms import pagecache
from projets.choices import PartnerRole
from projets.models import ProjectPage, ProjectProposal
from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings, tmp_path):
    """The cache as in production (files shared by the workers), in a fresh folder."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }
    pagecache.invalidate()


@pytest.fixture
def case_study(make_project):
    organisation = OrganisationFactory(name="Association des Jardins Partagés")
    page = make_project(title="Jardins et sols urbains", partners=[(organisation, PartnerRole.ASSOCIATION)])
    theme = ThemeFactory(name="Agriculture urbaine", slug="agriculture-urbaine")
    page.themes.add(theme)
    page.save_revision().publish()
    return page, organisation, theme


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_second_anonymous_visit_is_served_from_the_cache(client, page_cache_on, case_study):
    page = case_study[0]
    first, html = fetch(client, page.url)
    second, cached_html = fetch(client, page.url)
    assert first[pagecache.HEADER] == "miss" and second[pagecache.HEADER] == "hit"
    assert cached_html == html
    assert second["Cache-Control"].startswith("public")
    assert "Cookie" in second["Vary"] and second["Content-Type"].startswith("text/html")


def test_public_pages_set_no_cookie_and_carry_no_csrf_token(client, page_cache_on, case_study):
    for url in ("/", case_study[0].url, "/projets/"):
        for _visit in range(2):
            response, html = fetch(client, url)
            assert not response.cookies, url
            assert "Set-Cookie" not in response
            assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in client.cookies


def test_language_switch_works_without_a_csrf_token(client, page_cache_on, home_page):
    _response, html = fetch(client, "/")
    assert '<html lang="fr">' in html
    client.post("/langue/", {"language": "en", "next": "/"})
    english, html = fetch(client, "/")
    assert '<html lang="en">' in html and english[pagecache.HEADER] == "miss"


def test_logged_in_visitors_are_never_served_a_cached_copy(client, admin_user, page_cache_on, case_study):
    url = case_study[0].url
    fetch(client, url)
    client.force_login(admin_user)
    response, _html = fetch(client, url)
    assert pagecache.HEADER not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_publishing_a_new_revision_empties_the_cache(client, page_cache_on, case_study):
    page = case_study[0]
    fetch(client, page.url)
    fetch(client, "/projets/")
    page.title = "Jardins, sols et santé"
    page.save_revision().publish()
    response, html = fetch(client, page.url)
    assert response[pagecache.HEADER] == "miss" and "Jardins, sols et santé" in html
    # The catalogue lists from the search engine: its update shows once the index refreshes (about 1 s).
    get_search_backend().get_index_for_model(ProjectPage).refresh()
    assert "Jardins, sols et santé" in fetch(client, "/projets/")[1]


def test_unpublishing_removes_the_cached_page(client, page_cache_on, case_study):
    page = case_study[0]
    fetch(client, page.url)
    assert fetch(client, page.url)[0][pagecache.HEADER] == "hit"
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, page_cache_on, case_study):
    page = case_study[0]
    fetch(client, page.url)
    assert fetch(client, page.url)[0][pagecache.HEADER] == "hit"
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert pagecache.HEADER not in response
    # Made public again: the cached login redirect is not kept either (redirects are never stored).
    restriction.delete()
    assert fetch(client, page.url)[0][pagecache.HEADER] == "miss"


def test_a_group_added_to_a_restriction_starts_a_new_generation(page_cache_on, case_study):
    restriction = PageViewRestriction.objects.create(page=case_study[0], restriction_type=PageViewRestriction.GROUPS)
    before = pagecache.generation()
    restriction.groups.add(Group.objects.get(name="Membres"))
    assert pagecache.generation() != before


def test_a_collection_made_private_starts_a_new_generation(client, page_cache_on, case_study):
    url = case_study[0].url
    fetch(client, url)
    before = pagecache.generation()
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(), restriction_type=CollectionViewRestriction.LOGIN
    )
    assert pagecache.generation() != before
    assert fetch(client, url)[0][pagecache.HEADER] == "miss"
    before = pagecache.generation()
    restriction.delete()
    assert pagecache.generation() != before


def test_editing_an_organisation_refreshes_the_case_studies_showing_it(client, page_cache_on, case_study):
    page, organisation, _theme = case_study
    assert "Association des Jardins Partagés" in fetch(client, page.url)[1]
    organisation.name = "Jardins Partagés de Lyon"
    organisation.save()
    assert "Jardins Partagés de Lyon" in fetch(client, page.url)[1]


def test_editing_a_theme_refreshes_the_case_studies_showing_it(client, page_cache_on, case_study):
    page, _organisation, theme = case_study
    assert "Agriculture urbaine" in fetch(client, page.url)[1]
    theme.name = "Jardins en ville"
    theme.save()
    assert "Jardins en ville" in fetch(client, page.url)[1]


def test_a_public_proposal_does_not_empty_the_cache(client, page_cache_on, case_study):
    url = case_study[0].url
    fetch(client, url)
    before = pagecache.generation()
    ProjectProposal.objects.create(
        submitter_kind="association",
        organisation_name="Les Amis du Quartier",
        contact_name="Camille",
        contact_email="camille@example.org",
        consent_at=timezone.now(),
    )
    assert pagecache.generation() == before
    assert fetch(client, url)[0][pagecache.HEADER] == "hit"


def test_nothing_is_cached_when_switched_off(client, settings, case_study):
    settings.PAGE_CACHE_SECONDS = 0
    url = case_study[0].url
    assert pagecache.HEADER not in fetch(client, url)[0]
    assert pagecache.HEADER not in fetch(client, url)[0]


def test_catalogue_figures_are_kept_until_a_publication(case_study, make_project, client):
    """Home and explorer counts are kept a minute (1.5 s of SQL at 100,000 case studies), page cache on or
    off, and dropped at each publication: a new case study shows at once."""
    from search import catalogue_cache

    before = catalogue_cache.figures(lambda: {"project_count": -1})
    assert before["project_count"] == -1  # kept
    assert catalogue_cache.figures(lambda: {"project_count": -2}) == before
    make_project(title="Nouvelle coopération")
    assert catalogue_cache.figures(lambda: {"project_count": 2})["project_count"] == 2
    catalogue_cache.clear()
    with CaptureQueriesContext(connection) as first:
        assert client.get("/explorer/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/explorer/").status_code == 200
    assert len(second) < len(first)  # the figures came from memory
