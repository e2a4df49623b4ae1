"""The whole public site crawled as an anonymous visitor, with hostile values in every parameter.

Demo content plus a complete case study and generated ones (enough for a second page of the catalogue and
of the search), built once for the module; the crawl (tests/site/crawler.py) runs once, each test judges
one property of every answer.
"""

import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from tests.conftest import empty_search_backend
from tests.site.crawler import Crawler, absolute_urls, meta_tags

# Marked so pytest-django sets the test database up; the crawl itself runs once, in the module fixture.
pytestmark = pytest.mark.django_db

GENERATED = 25
# Hosts the site's own absolute URLs were built on before SITE_URL: the request's and the Site record's.
SITE_HOSTS = {"testserver", "localhost", "127.0.0.1", "[::1]"}
PYTHON_REPR = ("Proxy(", "object at 0x", "<bound method", "<function ", "__proxy__")


def build_content():
    from projets import choices
    from projets.models import ProjectIndexPage, Theme
    from tests.factories import OrganisationFactory, ProjectPageFactory, ProjectPartnerFactory
    from tests.public_site import build_case_study

    call_command("load_demo", verbosity=0)
    index = ProjectIndexPage.objects.get()
    themes = list(Theme.objects.all()[:3])
    partners = [OrganisationFactory(kind=choices.OrganisationKind.ASSOCIATION) for _ in range(3)]

    def make_project(partners=(), funding=(), publish=True, **fields):
        page = ProjectPageFactory(parent=index, **fields)
        for organisation, role in partners:
            ProjectPartnerFactory(page=page, organisation=organisation, role=role)
        return page

    build_case_study(make_project, title="Étude complète pour le robot", slug="etude-complete-robot")
    for number in range(GENERATED):
        page = ProjectPageFactory(
            parent=index, title=f"Coopération générée {number}", slug=f"cooperation-generee-{number}", themes=themes
        )
        ProjectPartnerFactory(page=page, organisation=partners[number % 3], role=choices.PartnerRole.LEAD)
        if number % 3:  # the first association is in all of them: its page has a second page of case studies
            ProjectPartnerFactory(page=page, organisation=partners[0], role=choices.PartnerRole.ASSOCIATED)
        page.save_revision().publish()


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    from django.core.cache import cache

    from search import catalogue_cache, labels

    with django_db_blocker.unblock(), transaction.atomic():
        labels.clear()
        catalogue_cache.clear()
        cache.clear()
        backend = empty_search_backend()
        build_content()
        backend.refresh_indexes()
        started = time.monotonic()
        result = Crawler().run()
        result.seconds = time.monotonic() - started
        transaction.set_rollback(True)
    labels.clear()
    catalogue_cache.clear()
    cache.clear()
    return result


def describe(answers) -> str:
    return "\n".join(f"{a.method} {a.url[:160]!r} -> {a.status}" for a in answers[:20])


def test_the_crawl_reaches_every_kind_of_page(crawl):
    urls = {answer.url.partition("?")[0] for answer in crawl.get_answers()}
    for path in (
        "/",
        "/projets/",
        "/projets/etude-complete-robot/",
        "/recherche/",
        "/precedents/",
        "/enseignements/",
        "/explorer/",
        "/a-propos/",
        "/mentions-legales/",
        "/trouver-un-partenaire/",
        "/donnees/",
        "/donnees/projets.csv",
        "/donnees/projets.json",
        "/flux/projets.atom",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/api/recherche",
        "/api/v2/pages/",
    ):
        assert path in urls, f"{path} never reached"
    assert any(url.startswith("/organisations/") for url in urls)
    heads = {answer.url for answer in crawl.answers if answer.method == "HEAD"}
    assert any(url.startswith("/organisations/") and "page=999999" in url for url in heads)
    assert "page" in crawl.parameters["search"] and "theme" in crawl.parameters["search"]
    assert len(crawl.answers) > 300


def test_no_server_error_anywhere(crawl):
    failures = [answer for answer in crawl.answers if answer.status >= 500]
    assert not failures, describe(failures)


def test_head_is_allowed_wherever_get_is(crawl):
    heads = [answer for answer in crawl.answers if answer.method == "HEAD"]
    assert len(heads) > 15
    refused = [answer for answer in heads if answer.status == 405]
    assert not refused, describe(refused)
    gets = {answer.url: answer.status for answer in crawl.get_answers()}
    differing = [answer for answer in heads if gets.get(answer.url) != answer.status]
    assert not differing, describe(differing)


def test_every_absolute_url_is_on_the_configured_address(crawl):
    site = urlsplit(settings.SITE_URL)
    elsewhere = {}
    for answer in crawl.get_answers():
        for url in absolute_urls(answer.body):
            parts = urlsplit(url)
            if parts.hostname in SITE_HOSTS and parts.netloc != site.netloc:
                elsewhere.setdefault(url, answer.url)
    assert not elsewhere, "\n".join(f"{url} in {where}" for url, where in list(elsewhere.items())[:20])


def test_canonical_and_sitemap_addresses_start_with_the_site_url(crawl):
    checked = 0
    for answer in crawl.get_answers():
        if answer.status != 200:
            continue
        if answer.is_html and 'rel="canonical"' in answer.body:
            for marker in ('rel="canonical" href="', 'property="og:url" content="'):
                assert marker + settings.SITE_URL + "/" in answer.body, f"{marker} in {answer.url}"
            checked += 1
        if answer.url.startswith("/sitemap"):
            assert "<loc>" + settings.SITE_URL + "/" in answer.body
            assert answer.body.count("<loc>") == answer.body.count("<loc>" + settings.SITE_URL + "/")
    assert checked > 20


def test_no_python_repr_in_meta_tags(crawl):
    broken = []
    for answer in crawl.get_answers():
        if not answer.is_html:
            continue
        for tag in meta_tags(answer.body):
            if any(marker in tag for marker in PYTHON_REPR) or 'content=""' in tag:
                broken.append(f"{answer.url}: {tag}")
    assert not broken, "\n".join(broken[:20])
