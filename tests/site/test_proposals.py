"""/proposer/: errors in French, a draft in moderation, a private contact, spam guards, an e-mail."""

import pytest
from django.core import mail
from django.core.cache import cache, caches
from wagtail.models import WorkflowState

from projets.models import ProjectPage, ProjectProposal
from tests.public_site import moderators_group

pytestmark = pytest.mark.django_db

VALID = {
    "submitter_kind": "association",
    "organisation_name": "Les Amis du Quartier",
    "title": "Un atlas participatif des jardins",
    "summary": "Les habitants et un laboratoire cartographient les jardins partagés.",
    "contact_name": "Camille Martin",
    "contact_email": "camille@example.org",
    "consent": "on",
    "website": "",
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("modo", email="modo@example.org", password="x")
    user.groups.add(moderators_group())
    return user


def test_form_shows_french_errors_and_creates_nothing(client, project_index):
    response = client.post("/proposer/", {**VALID, "consent": "", "contact_email": "pas-un-courriel"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre accord est nécessaire" in html
    assert "Saisissez une adresse électronique valide" in html
    assert not ProjectProposal.objects.exists()


def test_valid_proposal_creates_a_draft_in_moderation_and_mails_moderators(client, project_index, moderator):
    response = client.post("/proposer/", VALID)
    assert response.status_code == 302 and response["Location"] == "/proposer/merci/"
    page = ProjectPage.objects.get(title=VALID["title"])
    assert not page.live
    assert page.get_parent().pk == project_index.pk
    assert WorkflowState.objects.filter(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()
    proposal = ProjectProposal.objects.get(page=page)
    assert proposal.contact_email == "camille@example.org"
    assert [message.to for message in mail.outbox] == [["modo@example.org"]]
    assert VALID["title"] in mail.outbox[0].body
    assert "camille@example.org" not in mail.outbox[0].body
    assert client.get("/proposer/merci/").status_code == 200
    # The contact never reaches a public page, even once published.
    page.save_revision().publish()
    assert "camille@example.org" not in client.get(page.url).content.decode()


def test_honeypot_rejects_robots(client, project_index):
    response = client.post("/proposer/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not ProjectPage.objects.filter(title=VALID["title"]).exists()


def test_rate_limit_per_client_in_the_shared_cache(client, project_index, settings):
    """Counted in the cache the workers share, per client behind the trusted proxy (cms.ratelimit.client_ip)."""
    settings.RATELIMIT_ENABLE, settings.TRUSTED_PROXY_COUNT = True, 1
    caches[settings.RATELIMIT_USE_CACHE].clear()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(10):
        response = client.post("/proposer/", {"title": ""}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
        assert response.status_code == 400
    cache.clear()  # this process's own cache: the count is not there
    response = client.post("/proposer/", VALID, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert response.status_code == 429
    assert "Trop de propositions" in response.content.decode()
    assert not ProjectPage.objects.filter(title=VALID["title"]).exists()
    # Another visitor behind the same proxy has a count of their own.
    response = client.post("/proposer/", VALID, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "bad", [{"region": "abc"}, {"start_year": "deux mille"}, {"submitter_kind": "robot"}, {"summary": "x" * 400}]
)
def test_bad_input_is_never_a_500(client, project_index, bad):
    response = client.post("/proposer/", {**VALID, **bad})
    assert response.status_code == 400


def test_form_needs_the_catalogue(client, home_page):
    assert client.get("/proposer/").status_code == 404


def test_only_moderators_read_proposals(client, project_index, moderator, django_user_model):
    from django.contrib.auth.models import Group

    client.post("/proposer/", VALID)
    client.force_login(moderator)
    listing = client.get("/admin/snippets/projets/projectproposal/")
    assert listing.status_code == 200
    assert "camille@example.org" in listing.content.decode()
    contributor = django_user_model.objects.create_user("contrib", password="x")
    contributor.groups.add(Group.objects.get(name="Contributeurs"))
    client.force_login(contributor)
    assert client.get("/admin/snippets/projets/projectproposal/").status_code in (302, 403)
