"""Case-study addresses routed in one statement (projets.routing) get Wagtail's own answers, or Wagtail decides."""

import pytest
from django.test import RequestFactory
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import ContentPage
from projets.routing import CaseStudyRouteMiddleware

pytestmark = pytest.mark.django_db


def get_request(host: str, path: str, port: int):
    return RequestFactory().get(path, HTTP_HOST=host, SERVER_PORT=str(port))


def wagtail_answer(host: str, path: str, port: int = 80):
    """(site id, page id) as Wagtail alone finds them."""
    request = get_request(host, path, port)
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, path)
    return (site and site.pk, route and route.page.pk)


def routed(host: str, path: str, port: int = 80):
    """(site id, page id, whether the middleware routed it itself), the middleware running first."""
    request = get_request(host, path, port)
    CaseStudyRouteMiddleware(lambda request: None).process_view(request, wagtail_views.serve, [path[1:]], {})
    decided = hasattr(request, "_wagtail_route_for_request")
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, path)
    return (site and site.pk, route and route.page.pk, decided)


def test_a_published_case_study_is_routed_in_one_statement_to_wagtails_page(make_project, django_assert_num_queries):
    page = make_project(title="Recherche-action", slug="recherche-action")
    request = get_request("localhost", page.url, 80)
    with django_assert_num_queries(2):  # the site and the page's address, then the case study by key
        CaseStudyRouteMiddleware(lambda request: None).process_view(request, wagtail_views.serve, [page.url[1:]], {})
    assert request._wagtail_route_for_request.page.pk == page.pk
    assert isinstance(request._wagtail_route_for_request.page, type(page))
    assert routed("localhost", page.url) == (*wagtail_answer("localhost", page.url), True)


@pytest.mark.parametrize("port", [80, 8000])
def test_the_default_sites_hostname_on_any_port_is_decided_like_wagtail(make_project, port):
    page = make_project(slug="un-projet")
    assert routed("localhost", page.url, port) == (*wagtail_answer("localhost", page.url, port), True)
    assert routed("ailleurs.example", page.url, port) == (*wagtail_answer("ailleurs.example", page.url, port), True)


def test_drafts_unknown_addresses_and_other_catalogues_are_left_to_wagtail(make_project):
    draft = make_project(slug="brouillon", publish=False)
    for path in [draft.url_path.removeprefix("/accueil"), "/projets/inconnu/", "/autre/brouillon/"]:
        site, page, decided = routed("localhost", path)
        assert (site, page) == wagtail_answer("localhost", path)
        assert page is None and not decided


def test_a_two_part_address_of_another_page_type_is_served_by_wagtail(client, home_page):
    about = home_page.get_children().get(slug="a-propos")
    team = about.add_child(instance=ContentPage(title="L'équipe", slug="equipe"))
    assert routed("localhost", "/a-propos/equipe/") == (*wagtail_answer("localhost", "/a-propos/equipe/"), False)
    assert wagtail_answer("localhost", "/a-propos/equipe/")[1] == team.pk
    assert client.get("/a-propos/equipe/").status_code == 200


def test_another_sites_root_is_honoured(make_project, home_page):
    page = make_project(slug="sur-le-site-principal")
    about = home_page.get_children().get(slug="a-propos")
    other = Site.objects.create(hostname="autre.example", port=80, root_page=about, site_name="Autre")
    site, found, _decided = routed("autre.example", page.url)
    assert (site, found) == wagtail_answer("autre.example", page.url) == (other.pk, None)


def test_several_sites_of_one_hostname_without_a_decisive_match_are_left_to_wagtail(make_project, home_page):
    page = make_project(slug="multi")
    about = home_page.get_children().get(slug="a-propos")
    for port in (8080, 8081):
        Site.objects.create(hostname="multi.example", port=port, root_page=about, site_name=f"Multi {port}")
    answer = routed("multi.example", page.url, 9000)
    assert answer == (*wagtail_answer("multi.example", page.url, 9000), False)


def test_a_private_case_study_still_asks_for_a_login(client, make_project):
    page = make_project(slug="prive")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert routed("localhost", page.url)[1:] == (page.pk, True)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"login/?next={page.url}")
