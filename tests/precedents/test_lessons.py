"""What cooperations teach: aggregation counts, filters, links back, hidden pages left out."""

import datetime

import pytest
from django.urls import reverse

from projets.models import EventPage, Workshop, WorkshopLesson

pytestmark = pytest.mark.django_db
URL = reverse("precedents:lessons")


def add_event(home_page, title, live=True):
    event = EventPage(title=title, slug=title.lower().replace(" ", "-"), date=datetime.date(2019, 4, 26), live=live)
    home_page.add_child(instance=event)
    workshop = Workshop.objects.create(page=event, title="Leviers administratifs et financiers")
    WorkshopLesson.objects.create(workshop=workshop, kind="frein", category="administration", text=f"{title} : frein")
    WorkshopLesson.objects.create(workshop=workshop, kind="levier", category="financement", text=f"{title} : levier")
    return event


def counts(response):
    return {group["category"]: (len(group["obstacles"]), len(group["levers"])) for group in response.context["groups"]}


def test_lessons_are_grouped_by_category_with_counts(graph, client, home_page):
    event = add_event(home_page, "Journée Arras")
    add_event(home_page, "Journée brouillon", live=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert counts(response) == {
        "se_trouver": (1, 0),
        "egalite": (0, 0),
        "temporalites": (1, 1),
        "administration": (1, 0),
        "financement": (0, 2),
        "resultats": (0, 0),
        "gouvernance": (0, 0),
        "ethique": (0, 0),
    }
    assert response.context["total"] == 6
    assert [group["count"] for group in response.context["groups"]] == [1, 0, 2, 1, 2, 0, 0, 0]
    assert "Texte de brouillon" not in response.text
    assert "Texte privé" not in response.text
    assert "Journée brouillon" not in response.text
    assert f'href="{graph.p1.url}"' in response.text
    assert f'href="{event.url}"' in response.text


@pytest.mark.parametrize(
    ("params", "expected_total", "expected_texts"),
    [
        ({"theme": "sante"}, 4, None),  # parent theme includes p1 (child theme), p2, p3
        ({"theme": "alimentation"}, 2, {"Les calendriers divergent.", "Un rétroplanning partagé."}),
        ({"region": "32"}, 2, {"Les calendriers divergent.", "Un rétroplanning partagé."}),
        ({"format": "boutique_sciences"}, 1, {"Se connaître prend du temps."}),
        ({"kind": "frein"}, 3, None),  # two case-study obstacles + the workshop's
    ],
)
def test_filters(graph, client, home_page, params, expected_total, expected_texts):
    add_event(home_page, "Journée Arras")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["total"] == expected_total
    if expected_texts is not None:
        texts = {item["text"] for group in response.context["groups"] for item in group["obstacles"] + group["levers"]}
        assert texts == expected_texts


@pytest.mark.parametrize("params", [{"theme": "inconnu"}, {"region": "99"}, {"format": "x"}, {"kind": "les deux"}])
def test_bad_parameters_are_a_french_400(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Valeur inconnue" in response.context["message"]


def test_lessons_page_has_a_constant_number_of_queries(graph, client, home_page, django_assert_max_num_queries):
    add_event(home_page, "Journée Arras")
    with django_assert_max_num_queries(20) as first:
        client.get(URL)
    add_event(home_page, "Journée Lille")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(URL).context["total"] == 8
