"""The theme chooser of the case study editor: grouped, labelled checkboxes that save into the same M2M."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import build_site_tree
from projets.models import ProjectPage
from projets.widgets import ThemeChooserWidget
from tests.factories import ProjectIndexPageFactory, ThemeFactory
from tests.projets.admin_data import project_form_data


def two_level_themes():
    ess = ThemeFactory(name="Économie sociale et solidaire", slug="ess")
    impact = ThemeFactory(name="Impact social", slug="impact-social", parent=ess)
    finance = ThemeFactory(name="Finances solidaires", slug="finances-solidaires", parent=ess)
    sante = ThemeFactory(name="Santé", slug="sante")
    return ess, impact, finance, sante


@pytest.mark.django_db
class TestThemeChooser(WagtailPageTestCase):
    def setUp(self):
        self.index = ProjectIndexPageFactory(parent=build_site_tree())
        self.ess, self.impact, self.finance, self.sante = two_level_themes()
        self.login()

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("projets", "projectpage", self.index.pk))

    def test_themes_ticked_in_the_editor_are_saved(self):
        data = project_form_data(themes=(str(self.impact.pk), str(self.sante.pk)))
        self.assertCanCreate(self.index, ProjectPage, data)
        page = ProjectPage.objects.get(slug="oiseaux-des-champs")
        assert set(page.themes.all()) == {self.impact, self.sante}

        # Editing: untick one, tick another; the saved revision and the live page agree.
        data = {**project_form_data(themes=(str(self.finance.pk),)), "action-publish": "action-publish"}
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        page.refresh_from_db()
        assert list(page.themes.all()) == [self.finance]

    def test_an_unknown_theme_is_refused_in_french(self):
        response = self.client.post(self.add_url(), project_form_data(themes=("999999",)))
        assert response.status_code == 200
        assert "Sélectionnez un choix valide. 999999 n’en fait pas partie." in response.content.decode()
        assert not ProjectPage.objects.exists()

    def test_the_chooser_groups_sub_themes_under_their_parent_with_labels(self):
        html = self.client.get(self.add_url()).content.decode()
        chooser = html[html.index('class="theme-chooser"') : html.index("</fieldset>\n    \n  </div>")]
        # One fieldset per top-level theme, named by its legend, the parent first, then its sub-themes.
        legends = re.findall(r"<legend>([^<]+)</legend>", chooser)
        assert legends == ["Économie sociale et solidaire", "Santé"]
        ess_group = chooser[chooser.index("<legend>Économie") : chooser.index("<legend>Santé")]
        labels = re.findall(r'<label for="(id_themes_\d+)">([^<]+)', ess_group)
        assert [text.strip() for _id, text in labels] == [
            "Économie sociale et solidaire",
            "Finances solidaires",
            "Impact social",
        ]
        for input_id, _text in labels:
            assert re.search(rf'<input type="checkbox" name="themes" value="\d+" id="{input_id}"', ess_group)
        # The filter box is labelled, sends nothing (no name), and its script comes from our own origin.
        assert '<label for="id_themes-filtre">Filtrer les thèmes</label>' in chooser
        filter_input = re.search(r'<input type="search" id="id_themes-filtre"[^>]*>', chooser).group(0)
        assert "name=" not in filter_input
        assert 'src="/static/projets/admin/theme-chooser.js"' in html
        assert "Aucun thème choisi." in chooser

    def test_chosen_themes_are_listed_and_ticked_when_editing(self):
        self.assertCanCreate(self.index, ProjectPage, project_form_data(themes=(str(self.impact.pk),)))
        page = ProjectPage.objects.get(slug="oiseaux-des-champs")
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        assert "1 thème choisi :" in html
        assert "<li>Économie sociale et solidaire &gt; Impact social</li>" in html
        ticked = re.findall(r'<input type="checkbox" name="themes" value="(\d+)"[^>]* checked', html)
        assert ticked == [str(self.impact.pk)]


@pytest.mark.django_db
def test_a_sub_theme_whose_parent_is_not_offered_stays_visible():
    ess, impact, _finance, _sante = two_level_themes()
    widget = ThemeChooserWidget()
    widget.choices = [(impact.pk, str(impact))]
    groups = widget.theme_groups([{"value": impact.pk, "label": str(impact), "selected": False, "attrs": {}}])
    assert [group["parent"]["name"] for group in groups] == ["Impact social"]
