import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.demo import build_site_tree
from cms.models import ContentPage, HomePage


@pytest.mark.django_db
class TestPageTypes(WagtailPageTestCase):
    def setUp(self):
        self.home = build_site_tree()
        self.about = ContentPage.objects.get(slug="a-propos")
        self.login()

    def test_content_page_can_only_live_under_the_site(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_pages_render_and_are_editable(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.about)
        # StreamFields need their management-form keys in the POST data.
        post_data = nested_form_data(
            {"title": self.about.title, "slug": self.about.slug, "intro": self.about.intro, "body": streamfield([])}
        )
        self.assertPageIsEditable(self.about, post_data=post_data)

    def test_content_page_is_created_through_the_admin_form(self):
        data = nested_form_data(
            {
                "title": "Mentions légales",
                "slug": "mentions-legales",
                "intro": "Qui publie ce site.",
                "body": streamfield([("paragraph", rich_text("<p>Éditeur : Coopérathèque.</p>"))]),
            }
        )
        self.assertCanCreate(self.home, ContentPage, data)
        assert ContentPage.objects.filter(slug="mentions-legales").exists()
