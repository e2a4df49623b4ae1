"""Organisations are public only through live, public case studies; contract documents linked only to readers.

The world (world.py) holds "Collectif cacheorgzyx", a partner of the private case study and a funder of
the draft only: no public output may name it, its page is a 404 for everyone. The members-only contract
document of the published case study is linked only to those Wagtail would serve it to.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.search.backends import get_search_backend

from projets.models import Organisation
from projets.models.organisations import publicly_visible_among

from .test_permission_matrix import text_of
from .world import HIDDEN_ORG, HIDDEN_ORG_PATH, PASSWORD, ROLES, build_world, user_for

pytestmark = pytest.mark.django_db
LOCKED_FOR_VISITORS = "Se connecter pour le consulter"
LOCKED_FOR_USERS = "Le modèle de document est réservé aux membres."
DOWNLOAD = "Télécharger le modèle de document"


@pytest.fixture
def world(project_index, search_backend):
    built = build_world(project_index)
    search_backend.refresh_indexes()
    return built


def visible_names() -> set[str]:
    names = set(Organisation.objects.publicly_visible().values_list("name", flat=True))
    # The raw version a case-study page uses for its own organisations gives the very same answer.
    everyone = Organisation.objects.values_list("pk", flat=True)
    assert (
        set(Organisation.objects.filter(pk__in=publicly_visible_among(everyone)).values_list("name", flat=True))
        == names
    )
    return names


def test_the_rule_follows_publication(world):
    """Visible while a live, unrestricted case study cites it; hidden again when that one is unpublished."""
    assert visible_names() == {"Maison des associations", "Laboratoire Territoires"}
    world.draft.refresh_from_db()
    world.draft.save_revision().publish()  # the draft names it as a funder
    assert f"Collectif {HIDDEN_ORG}" in visible_names()
    world.draft.refresh_from_db()
    world.draft.unpublish()
    assert f"Collectif {HIDDEN_ORG}" not in visible_names()
    world.private.view_restrictions.all().delete()  # the private case study names it as a partner
    assert f"Collectif {HIDDEN_ORG}" in visible_names()


def test_the_rule_costs_the_same_whatever_the_catalogue(world, make_project, django_assert_num_queries):
    for number in range(5):
        make_project(title=f"Étude supplémentaire {number}", partners=[(world.hidden_organisation, "associe")])
    with django_assert_num_queries(2):  # the view restrictions, then the organisations (semi-joins)
        assert len(list(Organisation.objects.publicly_visible())) == 3


@pytest.mark.parametrize("role", ROLES)
def test_the_hidden_organisation_page_is_a_404_for_every_role(role, world, client, django_user_model):
    user = user_for(role, django_user_model)
    if user:
        client.force_login(user)
    response = client.get(HIDDEN_ORG_PATH)
    assert response.status_code == 404
    assert HIDDEN_ORG not in text_of(response)
    assert client.get("/organisations/maison-des-associations/").status_code == 200


def test_autocomplete_filters_what_the_index_finds(world, client):
    """The index does find the hidden organisation (the filter is what hides it), the public one passes."""
    found = list(get_search_backend().autocomplete("cacheorg", Organisation, operator="and"))
    assert [org.name for org in found] == [f"Collectif {HIDDEN_ORG}"]
    assert client.get("/api/autocomplete", {"q": "cacheorg"}).json()["results"] == []
    suggestions = client.get("/api/autocomplete", {"q": "maison"}).json()["results"]
    assert [s["label"] for s in suggestions if s["kind"] == "organisation"] == ["Maison des associations"]


def test_hidden_organisations_do_not_crowd_out_visible_ones(world, client, search_backend):
    """More hidden matches than suggestions shown: the public one is still suggested."""
    for number in range(8):
        Organisation.objects.create(name=f"Maison cachée {number}", kind="association")
    search_backend.refresh_indexes()
    suggestions = client.get("/api/autocomplete", {"q": "maison"}).json()["results"]
    assert [s["label"] for s in suggestions if s["kind"] == "organisation"] == ["Maison des associations"]


def test_a_member_sees_the_private_case_study_without_a_dead_link(world, client, django_user_model):
    """The private page names the hidden organisation to its readers, without linking to its 404 page."""
    client.force_login(user_for("membre", django_user_model))
    html = client.get(world.private.url).content.decode()
    assert f"Collectif {HIDDEN_ORG}" in html
    assert HIDDEN_ORG_PATH not in html
    assert "/organisations/maison-des-associations/" in html


def test_the_partner_finder_suggests_only_visible_organisations(world, client):
    response = client.get("/trouver-un-partenaire/", {"themes": "education-populaire", "looking_for": "association"})
    assert response.status_code == 200
    names = [suggestion.organisation.name for suggestion in response.context["suggestions"]]
    assert names == ["Maison des associations"]


# -- The members-only model document of a contract ---------------------------------------------------------

# role -> what the published case study shows about its members-only document
DOCUMENT_LINE = {
    "anonyme": LOCKED_FOR_VISITORS,
    "inscrit": LOCKED_FOR_USERS,  # logged in, in no group
    "membre": DOWNLOAD,
    "contributeur": LOCKED_FOR_USERS,
    "moderateur": DOWNLOAD,
    "administrateur": DOWNLOAD,
}


@pytest.mark.parametrize("role", list(DOCUMENT_LINE))
def test_the_document_link_is_shown_to_those_wagtail_serves(role, world, client, django_user_model):
    if role == "inscrit":
        client.force_login(django_user_model.objects.create_user("inscrit", "inscrit@example.org", PASSWORD))
    elif user := user_for(role, django_user_model):
        client.force_login(user)
    html = client.get(world.published.url).content.decode()
    expected = DOCUMENT_LINE[role]
    others = {line for line in DOCUMENT_LINE.values() if line != expected}
    assert expected in html
    assert not [line for line in others if line in html]
    # The link is there exactly when following it gets the file.
    served = client.get(world.document.url).status_code == 200
    assert (world.document.url in html) is served is (expected == DOWNLOAD)


def test_the_document_link_follows_the_collection_restriction_not_group_names(world, client, django_user_model):
    """A group added to the collection's restriction gets the link, with no code change."""
    from wagtail.models import CollectionViewRestriction

    readers = Group.objects.create(name="Relecteurs")
    user = django_user_model.objects.create_user("relecteur", "relecteur@example.org", PASSWORD)
    user.groups.add(readers)
    client.force_login(user)
    assert LOCKED_FOR_USERS in client.get(world.published.url).content.decode()
    restriction = CollectionViewRestriction.objects.get(collection=world.document.collection)
    restriction.groups.add(readers)
    html = client.get(world.published.url).content.decode()
    assert DOWNLOAD in html and world.document.url in html
    assert client.get(world.document.url).status_code == 200
