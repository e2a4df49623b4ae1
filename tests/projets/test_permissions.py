"""Each group, logged in: contributors submit, moderators approve or reject, members read private documents."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import WorkflowState

from projets import choices
from projets.documents import members_collection
from projets.models import ProjectPage
from tests.factories import ContractFactory
from tests.projets.admin_data import project_form_data


def task_state_of(page):
    return WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk)).current_task_state


@pytest.mark.django_db
def test_contributor_submits_a_draft_but_cannot_publish(client, user_in, project_index, submitted_page):
    contributor = user_in("Contributeurs", username="autre-contributeur")
    assert not submitted_page.live
    assert task_state_of(submitted_page).status == "in_progress"
    assert not submitted_page.permissions_for_user(contributor).can_publish()

    client.force_login(contributor)
    url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", project_index.pk])
    client.post(url, {**project_form_data(title="Publication directe"), "action-publish": "action-publish"})
    attempted = ProjectPage.objects.get(slug="publication-directe")
    assert not attempted.live, "a contributor's publish request only saves a draft"
    assert client.get(submitted_page.url or "/projets/jardins-ouvriers/").status_code == 404


@pytest.mark.django_db
def test_moderator_approves_and_publishes(client, user_in, submitted_page):
    client.force_login(user_in("Modérateurs"))
    task_state = task_state_of(submitted_page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted_page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Très bien."})
    assert response.status_code in (200, 302)
    submitted_page.refresh_from_db()
    assert submitted_page.live
    client.logout()
    assert client.get("/projets/jardins-ouvriers/").status_code == 200


@pytest.mark.django_db
def test_moderator_rejects_with_a_comment(client, user_in, submitted_page):
    client.force_login(user_in("Modérateurs"))
    task_state = task_state_of(submitted_page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted_page.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Ajoutez les sources."})
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Ajoutez les sources."
    submitted_page.refresh_from_db()
    assert not submitted_page.live


@pytest.mark.django_db
def test_contributor_cannot_approve(client, user_in, submitted_page):
    client.force_login(user_in("Contributeurs", username="c2"))
    task_state = task_state_of(submitted_page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted_page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    submitted_page.refresh_from_db()
    assert not submitted_page.live


@pytest.fixture
def members_document(make_project):
    page = make_project(title="Convention type")
    document = Document.objects.create(title="Convention", file=ContentFile(b"Clauses", name="convention.txt"))
    ContractFactory(page=page, document=document, visibility=choices.Visibility.MEMBERS)
    document.refresh_from_db()
    return document


@pytest.mark.django_db
def test_members_only_contract_document_sits_in_the_private_collection(members_document):
    assert members_document.collection == members_collection()


@pytest.mark.django_db
def test_visitor_cannot_download_a_members_only_document(client, members_document):
    response = client.get(members_document.url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


@pytest.mark.django_db
def test_member_downloads_a_members_only_document(client, user_in, members_document):
    client.force_login(user_in("Membres"))
    response = client.get(members_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Clauses"


@pytest.mark.django_db
def test_contributor_is_not_a_member(client, user_in, members_document):
    client.force_login(user_in("Contributeurs"))
    assert client.get(members_document.url).status_code in (302, 403)


@pytest.mark.django_db
def test_dashboard_lists_pages_to_complete(client, user_in, make_project, submitted_page):
    make_project(title="Sans sources")
    client.force_login(user_in("Modérateurs"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jardins ouvriers" in html, "Wagtail's panel lists what awaits the moderator's review"
    to_complete = html.split("Études de cas publiées à compléter", 1)[1].split("</section>", 1)[0]
    assert "Sans sources" in to_complete and "sources" in to_complete
    assert "Jardins ouvriers" not in to_complete, "a draft is not published, so not listed"
