"""The partner finder is reached from the pages where a visitor looks for cooperations (the site tree holds
the About page)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/projets/", "/precedents/", "/a-propos/"])
def test_the_partner_finder_is_linked(client, project_index, url):
    html = client.get(url).content.decode()
    assert f'href="{reverse("precedents:partners")}"' in html, url
