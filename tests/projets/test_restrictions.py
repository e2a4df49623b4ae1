"""Private sections read once per request, and never kept beyond it or past a change."""

import pytest
from wagtail.models import PageViewRestriction

from projets import restrictions
from projets.catalogue import public_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_request():
    restrictions._start()
    yield
    restrictions.forget_request()


def test_outside_a_request_every_call_reads_the_database(make_project, django_assert_num_queries):
    make_project(title="Publique")
    for _ in range(2):
        with django_assert_num_queries(1):
            restrictions.private_sections()


def test_within_a_request_the_restrictions_are_read_once(make_project, in_request, django_assert_num_queries):
    page = make_project(title="Publique")
    with django_assert_num_queries(3):  # the restrictions once, then each list of pages
        assert list(public_projects()) == [page]
        assert list(public_projects()) == [page]


def test_a_new_restriction_is_seen_at_once_within_the_request(make_project, in_request):
    page = make_project(title="Bientôt privée")
    assert list(public_projects()) == [page]
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert list(public_projects()) == []
    restriction.delete()
    assert list(public_projects()) == [page]


def test_a_moved_private_section_is_seen_at_once_within_the_request(
    home_page, project_index, make_project, in_request
):
    from cms.models import ContentPage

    archive = home_page.add_child(instance=ContentPage(title="Archives", slug="archives"))
    PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)
    page = make_project(title="Déplacée")
    assert list(public_projects()) == [page]
    project_index.move(archive, pos="last-child")
    assert list(public_projects()) == []


def test_the_memo_ends_with_the_request(client, make_project):
    page = make_project(title="Publique")
    client.get(page.url)
    assert getattr(restrictions._memo, "sections", None) is None
    assert not getattr(restrictions._memo, "in_request", False)
