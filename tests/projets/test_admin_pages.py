"""Every page type is created through the Wagtail admin form, and its validation speaks French."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.demo import build_site_tree
from projets import choices
from projets.models import EventPage, ProjectIndexPage, ProjectPage
from tests.factories import OrganisationFactory, ProjectIndexPageFactory, ThemeFactory, region
from tests.projets.admin_data import contract, funding_line, partner, project_form_data


@pytest.mark.django_db
class TestPageCreation(WagtailPageTestCase):
    def setUp(self):
        self.home = build_site_tree()
        self.login()

    def test_project_index_page_is_created_under_home(self):
        data = nested_form_data({"title": "Projets", "slug": "projets", "intro": "Les études de cas."})
        self.assertCanCreate(self.home, ProjectIndexPage, data)
        assert ProjectIndexPage.objects.get().url == "/projets/"
        self.assertCanNotCreateAt(ProjectIndexPage, ProjectIndexPage)

    def test_the_editor_does_not_autosave(self):
        """Autosave duplicates new inline rows (wagtail#14568): the edit form carries no autosave controller."""
        index = ProjectIndexPageFactory(parent=self.home)
        response = self.client.get(reverse("wagtailadmin_pages:add", args=("projets", "projectpage", index.pk)))
        assert response.status_code == 200
        form_tag = re.search(r"<form[^>]*data-edit-form[^>]*>", response.content.decode()).group(0)
        assert "w-autosave" not in form_tag

    def test_project_page_is_created_with_partner_funding_and_contract(self):
        index = ProjectIndexPageFactory(parent=self.home)
        gon = OrganisationFactory(name="GON", kind=choices.OrganisationKind.ASSOCIATION)
        lab = OrganisationFactory(name="Laboratoire d'Océanologie", kind=choices.OrganisationKind.RESEARCH_UNIT)
        theme = ThemeFactory(name="Biodiversité", slug="biodiversite")
        data = project_form_data(
            partners=[partner(gon), partner(lab, role="partenaire_recherche", contribution="temps")],
            funding=[funding_line(funder=lab, amount="1500.50", programme="Chercheurs-citoyens")],
            contracts=[contract([gon, lab], title="Convention de stage")],
            themes=(str(theme.pk),),
            territories=(str(region("32").pk),),
        )
        self.assertCanCreate(index, ProjectPage, data)

        page = ProjectPage.objects.get(slug="oiseaux-des-champs")
        assert page.live
        assert [p.organisation for p in page.partners.all()] == [gon, lab]
        assert page.funding_lines.get().amount == Decimal("1500.50")
        assert set(page.contracts.get().parties.all()) == {gon, lab}
        assert page.facet_region() == ["32"]
        self.assertPageIsRenderable(page)

    def test_event_page_is_created_with_a_session(self):
        organiser = OrganisationFactory(name="Le Mouvement associatif Hauts-de-France")
        data = nested_form_data(
            {
                "title": "Associations & recherche",
                "slug": "journee",
                "date": "2019-04-26",
                "start_time": "10:00",
                "end_time": "17:00",
                "place": "IRTS, Arras",
                "address": "5 rue Maurice Schuman, 62000 Arras",
                "organisers": (str(organiser.pk),),
                "intro": "Une journée de rencontre.",
                "body": streamfield([("paragraph", rich_text("<p>Programme.</p>"))]),
                "sessions": inline_formset(
                    [{"time": "16:00", "title": "Restitution", "speakers": "Lionel Larqué", "projects": ()}]
                ),
                "workshops": inline_formset([]),
            }
        )
        self.assertCanCreate(self.home, EventPage, data)
        event = EventPage.objects.get(slug="journee")
        assert event.sessions.get().speakers == "Lionel Larqué"
        assert list(event.organisers.all()) == [organiser]
        self.assertPageIsRenderable(event)


@pytest.mark.django_db
class TestProjectValidation(WagtailPageTestCase):
    def setUp(self):
        self.home = build_site_tree()
        self.index = ProjectIndexPageFactory(parent=self.home)
        self.association = OrganisationFactory(name="Halluin 3R")
        self.lab = OrganisationFactory(name="LAS Arras", kind=choices.OrganisationKind.RESEARCH_UNIT)
        self.login()

    def post(self, data):
        url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", self.index.pk])
        response = self.client.post(url, {**data, "action-publish": "action-publish"})
        assert response.status_code == 200, "an invalid form is shown again, not saved"
        assert not ProjectPage.objects.exists()
        return response.content.decode()

    def test_end_before_start_is_refused(self):
        html = self.post(project_form_data(start_year="2020", end_year="2018"))
        assert "La fin du projet ne peut pas précéder son début." in html

    def test_negative_amount_is_refused(self):
        html = self.post(project_form_data(funding=[funding_line(amount="-10")]))
        assert "« -10 » : un montant ne peut pas être négatif." in html

    def test_contract_party_must_be_a_partner(self):
        data = project_form_data(partners=[partner(self.association)], contracts=[contract([self.lab])])
        html = self.post(data)
        assert "Partie absente des partenaires et financeurs du projet : LAS Arras." in html

    def test_duplicate_partner_is_refused(self):
        data = project_form_data(partners=[partner(self.association), partner(self.association, role="financeur")])
        html = self.post(data)
        assert "« Halluin 3R » figure déjà parmi les partenaires." in html
