"""An editor writes a case study in the admin, a moderator publishes it, a visitor reads it."""

import re

import pytest
from playwright.sync_api import expect

from projets import choices
from projets.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e]


def login(browser, base_url, username):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("motdepasse-e2e")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def open_actions_menu(page):
    page.locator("footer .w-dropdown__toggle").first.click()


@pytest.fixture
def no_autosave(settings):
    """Wagtail 8's editor autosaves in the background (a POST shortly after each change). A "Submit" click
    while one was pending or in flight made this test flaky: the "add" view ran twice (slug taken, error
    500) or a late autosave revision followed the submission. This test is about the moderation
    workflow, so the background writer is off (the live server runs in this process and reads settings).
    """
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def people(seeded, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("redaction", email="r@example.org", password="motdepasse-e2e")
    editor.groups.add(Group.objects.get(name="Contributeurs"))
    moderator = django_user_model.objects.create_user("moderation", email="m@example.org", password="motdepasse-e2e")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    return editor, moderator


def test_editor_writes_moderator_publishes_visitor_reads(browser, page, seeded, people, no_autosave):
    from projets.models import ProjectPage

    OrganisationFactory(name="Collectif des jardins partagés", kind=choices.OrganisationKind.ASSOCIATION)
    base = seeded["url"]

    editor = login(browser, base, "redaction")
    editor.goto(f"{base}/admin/pages/add/projets/projectpage/{seeded['index'].pk}/")
    editor.locator("#id_title").fill("Jardins partagés et sciences du sol")
    editor.locator("#id_summary").fill("Des jardiniers et un laboratoire de pédologie mesurent la qualité des sols.")

    editor.get_by_role("tab", name="Partenaires").click()
    editor.locator("#panel-child-partenaires-content, section").get_by_role(
        "button", name=re.compile("Ajouter")
    ).first.click()
    editor.locator("#id_partners-0-role").select_option(choices.PartnerRole.LEAD)
    editor.locator("#id_partners-0-organisation-chooser, [id^='id_partners-0-organisation']").get_by_role(
        "button", name=re.compile("Choisir")
    ).first.click()
    editor.get_by_role("link", name=re.compile("Collectif des jardins partagés")).click()
    expect(editor.locator("#id_partners-0-organisation")).not_to_have_value("")

    editor.get_by_role("tab", name="Financements").click()
    editor.get_by_role("button", name=re.compile("Ajouter.*financement", re.I)).click()
    editor.locator("#id_funding_lines-0-kind").select_option(choices.FundingKind.PUBLIC_GRANT)
    editor.locator("#id_funding_lines-0-amount").fill("12000")

    editor.get_by_role("tab", name="Contrats").click()
    editor.get_by_role("button", name=re.compile("Ajouter.*contrat", re.I)).click()
    editor.locator("#id_contracts-0-kind").select_option(choices.ContractKind.CHARTER)

    open_actions_menu(editor)
    editor.get_by_role("button", name=re.compile("Soumettre à")).click()
    editor.wait_for_load_state()
    errors = [text.strip() for text in editor.locator(".error-message, .w-field__errors").all_inner_texts()]
    errors = [text for text in errors if text]
    assert errors == []
    expect(editor.locator(".messages")).to_contain_text(re.compile("soumis", re.I))

    project = ProjectPage.objects.get(title="Jardins partagés et sciences du sol")
    assert not project.live
    public_url = base + project.get_url_parts()[2]
    assert page.goto(public_url).status == 404

    moderator = login(browser, base, "moderation")
    moderator.goto(f"{base}/admin/pages/{project.pk}/edit/")
    open_actions_menu(moderator)
    moderator.get_by_role("button", name="Approuver et Publier", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(re.compile("approuv|publi|mise à jour", re.I))

    project.refresh_from_db()
    assert project.live
    response = page.goto(public_url)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardins partagés et sciences du sol")
    expect(page.get_by_role("link", name="Collectif des jardins partagés")).to_be_visible()
    expect(page.get_by_text("Charte de coopération")).to_be_visible()
    expect(page.get_by_text(re.compile(r"12\s000 €")).first).to_be_visible()
