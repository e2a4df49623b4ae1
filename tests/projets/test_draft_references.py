"""An organisation named only by a page's draft cannot be deleted, and the draft stays editable."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from projets import choices, draft_references
from projets.models import Organisation
from tests.factories import OrganisationFactory
from tests.projets.admin_data import funding_line, partner, project_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_project):
    kept = OrganisationFactory(name="Halluin 3R")
    return make_project(title="Oiseaux des champs", partners=[(kept, choices.PartnerRole.ASSOCIATION)])


def save_draft(client, page, partners=(), funding=()):
    """Save a draft through the editor, as the "Enregistrer le brouillon" button does."""
    kept = page.partners.get().organisation
    data = project_form_data(
        title=page.title, slug=page.slug, partners=[partner(kept), *partners], funding=list(funding)
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    assert page.has_unpublished_changes


def delete(client, organisation):
    return client.post(reverse("wagtailsnippets_projets_organisation:delete", args=[organisation.pk]))


def assert_editor_and_preview_answer(client, page):
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.get(preview_url).status_code == 200


def error_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "error"]


@pytest.mark.parametrize("role", ["partner", "funder"])
def test_an_organisation_named_only_in_a_draft_is_not_deleted(admin_client, published, role):
    draft_only = OrganisationFactory(name="Laboratoire des brouillons")
    if role == "partner":
        save_draft(admin_client, published, partners=[partner(draft_only, role="partenaire_recherche")])
    else:
        save_draft(admin_client, published, funding=[funding_line(funder=draft_only, amount="1500")])
    assert not draft_only.partnerships.exists() and not draft_only.fundings.exists(), "named by the draft alone"

    response = delete(admin_client, draft_only)

    assert response.status_code == 302
    assert response.url == reverse("wagtailsnippets_projets_organisation:edit", args=[draft_only.pk])
    assert error_messages(response) == [
        "Impossible de supprimer « Laboratoire des brouillons » : le brouillon de la page « Oiseaux des champs » "
        "y fait encore référence. Retirez-le de ce brouillon (ou publiez-le sans lui), puis recommencez."
    ]
    assert Organisation.objects.filter(pk=draft_only.pk).exists()
    assert_editor_and_preview_answer(admin_client, published)


def test_the_confirmation_page_itself_refuses(admin_client, published):
    draft_only = OrganisationFactory(name="Laboratoire des brouillons")
    save_draft(admin_client, published, partners=[partner(draft_only)])
    response = admin_client.get(reverse("wagtailsnippets_projets_organisation:delete", args=[draft_only.pk]))
    assert response.status_code == 302
    assert "« Oiseaux des champs »" in error_messages(response)[0]


def test_the_bulk_delete_refuses_and_names_each_organisation(admin_client, published):
    in_draft = OrganisationFactory(name="Laboratoire des brouillons")
    free = OrganisationFactory(name="Association libre")
    save_draft(admin_client, published, partners=[partner(in_draft)])
    url = reverse("wagtail_bulk_action", args=["projets", "organisation", "delete"])
    response = admin_client.post(f"{url}?id={in_draft.pk}&id={free.pk}", {})
    assert response.status_code == 302
    messages = error_messages(response)
    assert len(messages) == 1 and "« Laboratoire des brouillons »" in messages[0]
    assert Organisation.objects.filter(pk__in=[in_draft.pk, free.pk]).count() == 2


def test_an_organisation_dropped_from_the_latest_draft_can_be_deleted(admin_client, published):
    """Only the latest revision counts: an older draft that named it no longer blocks the deletion."""
    dropped = OrganisationFactory(name="Laboratoire abandonné")
    save_draft(admin_client, published, partners=[partner(dropped)])
    save_draft(admin_client, published)

    response = delete(admin_client, dropped)

    assert response.status_code == 302
    assert error_messages(response) == []
    assert not Organisation.objects.filter(pk=dropped.pk).exists()
    assert_editor_and_preview_answer(admin_client, published)


def test_a_published_page_does_not_block_through_its_revision(admin_client, make_project):
    """A page without unpublished changes is guarded by its rows (PROTECT): Wagtail's own refusal answers."""
    organisation = OrganisationFactory(name="Laboratoire publié")
    make_project(title="Publiée", partners=[(organisation, choices.PartnerRole.RESEARCH)])
    response = delete(admin_client, organisation)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not any("brouillon" in message for message in error_messages(response))


def test_every_draft_is_read_whatever_the_batch(admin_client, published, make_project, monkeypatch):
    """The drafts' revisions are read by batches: two batches of one still name both pages."""
    monkeypatch.setattr(draft_references, "REVISIONS_PER_QUERY", 1)
    other = make_project(
        title="Abeilles des villes", partners=[(OrganisationFactory(name="Rucher"), choices.PartnerRole.LEAD)]
    )
    draft_only = OrganisationFactory(name="Laboratoire des brouillons")
    save_draft(admin_client, published, funding=[funding_line(funder=draft_only)])
    save_draft(admin_client, other, partners=[partner(draft_only)])

    response = delete(admin_client, draft_only)

    assert error_messages(response) == [
        "Impossible de supprimer « Laboratoire des brouillons » : les brouillons des pages « Abeilles des villes », "
        "« Oiseaux des champs » y font encore référence. Retirez-le de ces brouillons (ou publiez-les sans lui), "
        "puis recommencez."
    ]
    assert Organisation.objects.filter(pk=draft_only.pk).exists()
