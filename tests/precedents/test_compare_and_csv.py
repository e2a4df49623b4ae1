"""Comparison of precedents and the CSV export."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from precedents.export import neutralise

pytestmark = pytest.mark.django_db
COMPARE = reverse("precedents:compare")
CSV = reverse("precedents:csv")


def test_comparison_marks_the_differing_clauses(graph, client):
    response = client.get(COMPARE, {"ids": f"{graph.c1.pk},{graph.c3.pk}"})
    assert response.status_code == 200
    rows = {str(row["label"]): row for row in response.context["rows"]}
    assert rows["Propriété intellectuelle"]["differs"] is False  # both co-ownership
    assert rows["Propriété intellectuelle"]["values"] == ["Copropriété au prorata des apports"] * 2
    assert rows["Publication"]["differs"] is True
    assert rows["Publication"]["values"] == ["Relecture préalable avec délai (30 jours)", "Publication libre"]
    assert rows["Type de contrat"]["differs"] is True
    assert rows["Régions"]["values"] == ["Hauts-de-France", "Île-de-France"]
    assert response.text.count('class="differs"') == sum(row["differs"] for row in rows.values())
    assert [record["id"] for record in response.context["records"]] == [graph.c1.pk, graph.c3.pk]


def test_comparison_accepts_checkbox_lists_of_up_to_four(graph, client):
    chosen = [graph.c2.pk, graph.c4.pk, graph.c5.pk, graph.c6.pk]
    response = client.get(COMPARE, {"ids": chosen})
    assert response.status_code == 200
    assert [record["id"] for record in response.context["records"]] == chosen


@pytest.mark.parametrize(
    "ids",
    ["", "1", "a,b", "1,1", "1,2,3,4,5", "-1,abc"],
)
def test_comparison_rejects_bad_ids_with_a_french_400(graph, client, ids):
    response = client.get(COMPARE, {"ids": ids})
    assert response.status_code == 400
    message = response.context["compare_error"]
    assert "précédent" in message or "numéros" in message
    # The table again, its form and the error on it.
    assert f'<form method="get" action="{COMPARE}" aria-describedby="compare-error">' in response.text
    assert f'<div class="notice notice--error" role="alert" id="compare-error"><p>{escape(message)}</p></div>' in (
        response.text
    )


def test_a_refused_comparison_keeps_the_ticked_rows_and_the_filters(graph, client):
    response = client.get(COMPARE, {"ids": [graph.c1.pk], "kind": "collaboration_recherche"})
    assert response.status_code == 400
    assert "Choisissez de 2 à 4 précédents différents à comparer." in response.text
    assert f'<input type="checkbox" name="ids" value="{graph.c1.pk}" id="compare-{graph.c1.pk}" checked>' in (
        response.text
    )
    assert f'name="ids" value="{graph.c5.pk}" id="compare-{graph.c5.pk}">' in response.text
    assert '<input type="hidden" name="kind" value="collaboration_recherche">' in response.text
    assert graph.c2.pk not in [record["id"] for record in response.context["records"]]  # still filtered


def test_comparison_refuses_hidden_precedents(graph, client):
    for hidden in (graph.hidden_draft, graph.hidden_private):
        response = client.get(COMPARE, {"ids": f"{graph.c1.pk},{hidden.pk}"})
        assert response.status_code == 400
        assert str(hidden.pk) in response.context["message"]
        assert "introuvable" in response.context["message"]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_exports_the_current_selection(graph, client):
    rows = read_csv(client.get(CSV, {"kind": ["collaboration_recherche", "convention_cifre"], "page": "1"}))
    header, body = rows[0], rows[1:]
    assert header[0] == "Identifiant"
    assert sorted(int(row[0]) for row in body) == sorted([graph.c1.pk, graph.c2.pk, graph.c5.pk])
    jardins = next(row for row in body if int(row[0]) == graph.c1.pk)
    assert "Jardins du Nord (Association loi 1901)" in jardins[header.index("Parties")]
    assert jardins[header.index("Adresse de l'étude de cas")].startswith(settings.SITE_URL + "/")


def test_csv_neutralises_formulas(graph, client):
    rows = read_csv(client.get(CSV, {"kind": "convention_cifre"}))
    header = rows[0]
    assert rows[1][header.index("Ce qui a marché")] == '\'=HYPERLINK("http://exemple.invalid")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("texte", "texte"), (None, "")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
