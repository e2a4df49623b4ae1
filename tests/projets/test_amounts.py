"""Amounts typed the French way in a funding line: read right, shown back, ambiguity refused."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projets import choices
from projets.amounts import format_amount, parse_amount
from projets.models import FundingLine, ProjectPage
from tests.factories import ProjectIndexPageFactory
from tests.projets.admin_data import funding_line, project_form_data

pytestmark = pytest.mark.django_db

AMBIGUOUS = "peut se lire de deux façons"
READ = [
    ("12 500,50", Decimal("12500.50")),
    ("12 500,50 €", Decimal("12500.50")),
    ("12\u202f500,50\u00a0€", Decimal("12500.50")),
    ("12\u00a0500,5", Decimal("12500.50")),
    ("12500.50", Decimal("12500.50")),
    ("1 000 000", Decimal("1000000")),
    ("1500 EUR", Decimal("1500")),
    ("0", Decimal("0")),
]
REFUSED = [
    ("1.234,5", AMBIGUOUS),
    ("12,500.50", AMBIGUOUS),
    ("1.234", AMBIGUOUS),
    ("12,500", AMBIGUOUS),
    ("12k€", "« 12k€ » n'est pas un montant."),
    ("1,2,3", "« 1,2,3 » n'est pas un montant."),
    ("-10", "un montant ne peut pas être négatif."),
    ("10 000 000 000", "montant trop grand."),
]


@pytest.mark.parametrize(("typed", "amount"), READ)
def test_parse_amount_reads_french_amounts(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_parse_amount_refuses_in_french(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_amount(typed)
    assert message in raised.value.messages[0]


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(Decimal("12500.50"), "12 500,50"), (Decimal("1000000"), "1 000 000"), (Decimal("0.5"), "0,50"), (None, "")],
)
def test_format_amount_is_read_back(amount, shown):
    assert format_amount(amount) == shown
    assert parse_amount(shown) == amount


@pytest.fixture
def index(home_page):
    return ProjectIndexPageFactory(parent=home_page)


def add_with_amount(client, index, typed):
    url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", index.pk])
    data = project_form_data(funding=[funding_line(amount=typed)])
    return client.post(url, {**data, "action-publish": "action-publish"})


@pytest.mark.parametrize(("typed", "amount"), READ)
def test_the_editor_saves_the_amount_typed(admin_client, index, typed, amount):
    response = add_with_amount(admin_client, index, typed)
    assert response.status_code == 302, response.context["form"].formsets["funding_lines"].errors
    assert FundingLine.objects.get().amount == amount


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_the_editor_refuses_an_ambiguous_amount_and_saves_nothing(admin_client, index, typed, message):
    response = add_with_amount(admin_client, index, typed)
    assert response.status_code == 200
    errors = response.context["form"].formsets["funding_lines"].forms[0].errors["amount"]
    assert message in errors[0]
    assert f'value="{typed}"' in response.content.decode(), "shown as typed, beside its error"
    assert not ProjectPage.objects.exists() and not FundingLine.objects.exists()


def test_the_editor_shows_amounts_the_french_way_in_a_text_input(admin_client, make_project):
    page = make_project(title="Financée", funding=[(choices.FundingKind.PUBLIC_GRANT, Decimal("12500.50"))])
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    amount_input = re.search(r'<input[^>]*name="funding_lines-0-amount"[^>]*>', html).group(0)
    assert 'value="12 500,50"' in amount_input
    assert 'type="text"' in amount_input and 'inputmode="decimal"' in amount_input


def test_unknown_amounts_make_no_total(client, make_project):
    page = make_project(
        title="Montants inconnus",
        funding=[(choices.FundingKind.PUBLIC_GRANT, None), (choices.FundingKind.OWN_FUNDS, None)],
    )
    html = client.get(page.url).content.decode()
    footer = html.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert "aucun montant communiqué" in footer
    assert "€" not in footer


def test_a_known_zero_is_a_total(client, make_project):
    page = make_project(
        title="Montant nul",
        funding=[(choices.FundingKind.PUBLIC_GRANT, Decimal("0")), (choices.FundingKind.OWN_FUNDS, None)],
    )
    footer = client.get(page.url).content.decode().split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert "0 €" in footer and "aucun montant communiqué" not in footer
