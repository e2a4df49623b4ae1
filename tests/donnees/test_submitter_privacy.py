"""A proposal's submitter contact never goes out: exports, API, feeds, sitemap, JSON-LD, even once published."""

import pytest
from django.core.cache import cache

from projets.models import ProjectPage, ProjectProposal

CONTACT = {"contact_name": "Camille Secrète", "contact_email": "camille.secrete@example.org"}
OUTPUTS = (
    "/donnees/projets.csv",
    "/donnees/projets.json",
    "/donnees/partenaires.csv",
    "/donnees/organisations.csv",
    "/donnees/contrats.csv",
    "/api/v2/projets/?fields=*",
    "/api/v2/organisations/?fields=*",
    "/api/v2/pages/",
    "/flux/projets.atom",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-organisations.xml",
)


def outputs(client, extra=()):
    texts = {}
    for url in (*OUTPUTS, *extra):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[url] = body.decode()
    return texts


@pytest.mark.parametrize("published", [False, True])
def test_submitter_contact_never_leaves_the_site(client, project_index, search_backend, published):
    cache.clear()
    response = client.post(
        "/proposer/",
        {
            "submitter_kind": "association",
            "organisation_name": "Les Amis du Quartier",
            "title": "Un atlas participatif des jardins",
            "summary": "Les habitants et un laboratoire cartographient les jardins partagés.",
            "consent": "on",
            "website": "",
            **CONTACT,
        },
    )
    assert response.status_code == 302
    page = ProjectPage.objects.get(title="Un atlas participatif des jardins")
    assert ProjectProposal.objects.get(page=page).contact_email == CONTACT["contact_email"]
    extra = ()
    if published:
        page.save_revision().publish()
        search_backend.refresh_indexes()
        extra = (page.url, f"/api/v2/projets/{page.pk}/")
    texts = outputs(client, extra)
    assert ("Un atlas participatif" in texts["/donnees/projets.csv"]) is published
    for url, text in texts.items():
        for value in CONTACT.values():
            assert value not in text, (url, value)
