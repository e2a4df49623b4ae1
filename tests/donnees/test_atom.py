"""Atom feeds as the W3C feed validator reads them: authors, self links with their query, dates, language."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from modelsearch.backends import get_search_backend

from projets.models import ProjectPage


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_every_entry_has_an_author(client, indexed):
    feed, _xml = parse(client, "/flux/projets.atom")
    assert feed.entries
    for entry in feed.entries:
        assert entry.author_detail.name == "Coopérathèque"
        assert entry.author_detail.href.startswith("http")


@pytest.mark.parametrize("query", ["?region=32", "?q=jardin&theme=sante&region=32&region=11"])
def test_a_search_feed_links_to_itself_with_its_query(client, indexed, query):
    feed, _xml = parse(client, "/flux/projets.atom" + query)
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert len(self_links) == 1
    assert self_links[0].endswith("/flux/projets.atom" + query)


def test_updated_is_the_last_publication(client, indexed):
    page = indexed["public"][0]
    first = ProjectPage.objects.get(pk=page.pk).first_published_at
    later = first + datetime.timedelta(days=3)
    with timezone.override(datetime.UTC):
        ProjectPage.objects.filter(pk=page.pk).update(last_published_at=later)
    # On an engine the feed reads the dates from its documents: index the page again, as publishing does.
    backend = get_search_backend()
    backend.add(ProjectPage.objects.get(pk=page.pk))
    backend.get_index_for_model(ProjectPage).refresh()
    feed, _xml = parse(client, "/flux/projets.atom")
    entry = next(entry for entry in feed.entries if entry.title == page.title)
    assert entry.published_parsed != entry.updated_parsed
    assert datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC) == later.replace(microsecond=0)
    assert feed.feed.updated_parsed == entry.updated_parsed


def test_the_feed_is_french_whatever_the_interface_language(client, indexed):
    feed, xml = parse(client, "/flux/projets.atom", HTTP_ACCEPT_LANGUAGE="en")
    assert 'xml:lang="fr"' in xml
    assert feed.feed.title.startswith("Coopérathèque : dernières études de cas")
