"""An editor writes a case study in the admin, a moderator publishes it, a visitor reads it."""

import re

import pytest
from playwright.sync_api import expect

from projets import choices
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import OrganisationFactory, ThemeFactory

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
    toggle = page.locator("footer .w-dropdown__toggle").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def add_inline_form(page, tab: str, prefix: str) -> None:
    """Open an editor tab and add one form to its InlinePanel (Wagtail's button id_<prefix>-ADD)."""
    page.get_by_role("tab", name=tab, exact=True).click()
    expect(page.get_by_role("tabpanel", name=tab)).to_be_visible()
    page.locator(f"#id_{prefix}-ADD").click()
    expect(page.locator(f"#id_{prefix}-TOTAL_FORMS")).to_have_value("1")


def run_action(page, button_name, landing_url: str) -> None:
    """Click an action of the footer menu and wait for the redirect that follows a successful POST."""
    open_actions_menu(page)
    page.get_by_role("button", name=button_name).click()
    expect(page).to_have_url(landing_url)


def choose_theme(page, typed: str, shown: str, hidden: list[str]) -> None:
    """Type in the theme chooser's filter box: only matching themes stay visible; tick the one shown."""
    chooser = page.locator(".theme-chooser")
    search = chooser.get_by_label("Filtrer les thèmes")
    expect(search).to_be_visible()
    search.fill(typed)
    expect(chooser.get_by_label(shown)).to_be_visible()
    for name in hidden:
        expect(chooser.get_by_label(name, exact=True)).to_be_hidden()
    expect(chooser.locator("legend", has_text="Éducation populaire")).to_be_hidden()
    box = chooser.get_by_label(shown)
    # To the middle of the window: scrolled only "if needed", the box stopped under the admin's sticky
    # footer, which took the click (a failure of the fresh-clone run of a930686).
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    box.check()
    expect(chooser.locator(".theme-chooser__count")).to_have_text("1 thème choisi :")
    expect(chooser.locator(".theme-chooser__chosen-list")).to_have_text(f"Environnement > {shown}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chooser.screenshot(path=str(SCREENSHOTS / "admin-choix-des-themes.png"))


@pytest.fixture
def people(seeded, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("redaction", email="r@example.org", password="motdepasse-e2e")
    editor.groups.add(Group.objects.get(name="Contributeurs"))
    moderator = django_user_model.objects.create_user("moderation", email="m@example.org", password="motdepasse-e2e")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    return editor, moderator


def request_changes(page, comment: str) -> None:
    """The moderator's "Demander des modifications", with a comment typed in Wagtail's workflow modal."""
    open_actions_menu(page)
    page.get_by_role("button", name="Demander des modifications").click()
    modal = page.locator(".modal-content, [role=dialog]").filter(has=page.locator("textarea")).first
    modal.locator("textarea").fill(comment)
    modal.get_by_role("button", name="Demander des modifications").click()


def test_editor_writes_moderator_publishes_visitor_reads(browser, page, seeded, people, search_backend):
    # Autosave is off site-wide (cms.settings.base): it raced the Submit click here before it was.
    from wagtail.models import WorkflowState

    from projets.models import ProjectPage

    OrganisationFactory(name="Collectif des jardins partagés", kind=choices.OrganisationKind.ASSOCIATION)
    environment = ThemeFactory(name="Environnement", slug="environnement")
    soils = ThemeFactory(name="Sols et agriculture urbaine", slug="sols", parent=environment)
    ThemeFactory(name="Santé environnementale", slug="sante-environnementale", parent=environment)
    ThemeFactory(name="Éducation populaire", slug="education-populaire")
    base = seeded["url"]

    editor = login(browser, base, "redaction")
    # Contributors hold their rights on the catalogue only (migration 0011): not on the home page.
    editor.goto(f"{base}/admin/pages/{seeded['home'].pk}/edit/")
    expect(editor.locator("form[data-edit-form]")).to_have_count(0)
    editor.goto(f"{base}/admin/pages/add/projets/projectpage/{seeded['index'].pk}/")
    expect(editor.locator("form[data-edit-form]")).not_to_have_attribute("data-controller", re.compile("w-autosave"))
    editor.locator("#id_title").fill("Jardins partagés et sciences du sol")
    editor.locator("#id_summary").fill("Des jardiniers et un laboratoire de pédologie mesurent la qualité des sols.")

    choose_theme(editor, typed="SOLS", shown="Sols et agriculture urbaine", hidden=["Santé environnementale"])

    add_inline_form(editor, "Partenaires", "partners")
    editor.locator("#id_partners-0-role").select_option(choices.PartnerRole.LEAD)
    editor.locator("[id^='id_partners-0-organisation']").get_by_role(
        "button", name=re.compile("Choisir")
    ).first.click()
    editor.get_by_role("link", name="Collectif des jardins partagés").click()
    expect(editor.locator("#id_partners-0-organisation")).not_to_have_value("")

    add_inline_form(editor, "Financements", "funding_lines")
    editor.locator("#id_funding_lines-0-kind").select_option(choices.FundingKind.PUBLIC_GRANT)
    editor.locator("#id_funding_lines-0-amount").fill("12 500,50")

    add_inline_form(editor, "Contrats", "contracts")
    editor.locator("#id_contracts-0-kind").select_option(choices.ContractKind.CHARTER)

    # Wagtail sends the editor back to the catalogue's listing once the submission is saved.
    explorer_url = f"{base}/admin/pages/{seeded['index'].pk}/"
    run_action(editor, re.compile("Soumettre à"), explorer_url)
    expect(editor.locator(".messages")).to_contain_text("soumise pour modération")

    project = ProjectPage.objects.get(title="Jardins partagés et sciences du sol")
    assert not project.live
    draft = project.get_latest_revision_as_object()
    assert list(draft.themes.all()) == [soils]
    assert [str(line.amount) for line in draft.funding_lines.all()] == ["12500.50"]
    public_url = base + project.get_url_parts()[2]
    assert page.goto(public_url).status == 404

    # The moderator asks for changes, with a comment.
    moderator = login(browser, base, "moderation")
    edit_url = f"{base}/admin/pages/{project.pk}/edit/"
    moderator.goto(edit_url)
    request_changes(moderator, "Précisez le laboratoire partenaire dans le résumé.")
    expect(moderator.locator(".messages")).to_be_visible()
    state = WorkflowState.objects.filter(object_id=str(project.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The contributor reads the comment where they edit, fixes the summary and submits again.
    editor.goto(edit_url)
    expect(editor.locator(".messages")).to_contain_text("Modifications demandées par moderation")
    expect(editor.locator(".messages")).to_contain_text("Précisez le laboratoire partenaire dans le résumé.")
    editor.locator("#id_summary").fill(
        "Des jardiniers et le laboratoire de pédologie de l'université mesurent la qualité des sols."
    )
    run_action(editor, re.compile("Resoumettre à"), explorer_url)
    expect(editor.locator(".messages")).to_contain_text("soumise pour modération")

    moderator.goto(edit_url)
    run_action(moderator, "Approuver et Publier", explorer_url)
    expect(moderator.locator(".messages")).to_contain_text("« Jardins partagés et sciences du sol » a été mise à jour")

    project.refresh_from_db()
    assert project.live
    assert "laboratoire de pédologie de l'université" in project.summary
    # The visitor finds it among the latest case studies of the home page.
    page.goto(base + "/")
    page.get_by_role("link", name="Jardins partagés et sciences du sol").click()
    expect(page).to_have_url(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardins partagés et sciences du sol")
    expect(page.get_by_role("link", name="Collectif des jardins partagés")).to_be_visible()
    expect(page.get_by_text("Charte de coopération")).to_be_visible()
    expect(page.get_by_text(re.compile(r"12\s500,50\s€")).first).to_be_visible()
    # ...and by the site search.
    search_backend.refresh_indexes()
    page.goto(base + "/recherche/?q=p%C3%A9dologie")
    expect(page.get_by_role("link", name="Jardins partagés et sciences du sol").first).to_be_visible()


def test_ticking_a_theme_marks_the_edit_form_changed_but_filtering_does_not(browser, seeded, people):
    from tests.factories import ProjectPageFactory

    ThemeFactory(name="Éducation populaire", slug="education-populaire")
    ThemeFactory(name="Santé", slug="sante")
    project = ProjectPageFactory(parent=seeded["index"], title="Une étude à compléter")
    moderator = login(browser, seeded["url"], "moderation")
    # Wagtail's w-unsaved controller compares the form's data with a snapshot taken 2 s after load.
    moderator.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.__watching = 1; })")
    moderator.goto(f"{seeded['url']}/admin/pages/{project.pk}/edit/")
    moderator.wait_for_function("() => window.__watching === 1")
    warning = moderator.locator(".footer__save-warning")
    chooser = moderator.locator(".theme-chooser")
    # Accents and case ignored: "education" finds "Éducation populaire".
    chooser.get_by_label("Filtrer les thèmes").fill("education")
    expect(chooser.get_by_label("Santé", exact=True)).to_be_hidden()
    moderator.wait_for_timeout(1_500)  # the controller checks the form every 500 ms
    expect(warning).to_be_empty()
    chooser.get_by_label("Éducation populaire").check()
    expect(warning).not_to_be_empty()
    expect(chooser.locator(".theme-chooser__count")).to_have_text("1 thème choisi :")
