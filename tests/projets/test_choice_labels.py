"""get_<field>_display(): one label translated per call, in the active language."""

import pytest
from django.utils import translation

from projets import choices
from projets.models import ProjectPartner

pytestmark = pytest.mark.django_db


def test_labels_follow_the_active_language():
    partner = ProjectPartner(role=choices.PartnerRole.LEAD)
    with translation.override("fr"):
        assert partner.get_role_display() == "Chef de file"
    with translation.override("en"):
        assert partner.get_role_display() == "Lead partner"
    with translation.override("fr"):
        assert partner.get_role_display() == "Chef de file"


def test_a_value_outside_the_list_is_shown_as_it_is():
    assert ProjectPartner(role="inconnu").get_role_display() == "inconnu"
    assert ProjectPartner(role="").get_role_display() == ""
