"""What cooperations teach: aggregation counts, filters, links back, hidden pages left out."""

import datetime

import pytest
from django.urls import reverse

from precedents import lessons
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
    return {group["category"]: (group["obstacle_count"], group["lever_count"]) for group in response.context["groups"]}


def shown(response) -> set[str]:
    return {item["text"] for group in response.context["groups"] for item in group["obstacles"] + group["levers"]}


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
    assert sum(counts(response)[category][0] + counts(response)[category][1] for category in counts(response)) == (
        expected_total
    )
    if expected_texts is not None:
        assert shown(response) == expected_texts


@pytest.mark.parametrize(
    "params",
    [{"theme": "inconnu"}, {"region": "99"}, {"format": "x"}, {"kind": "les deux"}, {"categorie": "x"}],
)
def test_bad_parameters_are_a_french_400(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Valeur inconnue" in response.context["message"]


def test_lessons_page_has_a_constant_number_of_queries(graph, client, home_page, django_assert_max_num_queries):
    add_event(home_page, "Journée Arras")
    with django_assert_max_num_queries(20) as first:
        client.get(URL)
    with django_assert_max_num_queries(20) as first_category:
        client.get(URL, {"categorie": "financement"})
    add_event(home_page, "Journée Lille")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(URL).context["total"] == 8
    with django_assert_max_num_queries(len(first_category.captured_queries)):
        assert client.get(URL, {"categorie": "financement"}).context["category"]["count"] == 3


def many_lessons(make_project, number: int, category="egalite", kind="frein"):
    from projets.models import Lesson

    page = make_project(title="Beaucoup d'enseignements", slug="beaucoup")
    Lesson.objects.bulk_create(
        Lesson(page=page, kind=kind, category=category, text=f"Enseignement {n:03}", sort_order=n)
        for n in range(number)
    )
    return page


def test_the_first_screen_shows_a_few_per_category_and_kind_with_the_counts(graph, client, make_project):
    many_lessons(make_project, 40)
    response = client.get(URL)
    equality = next(group for group in response.context["groups"] if group["category"] == "egalite")
    assert equality["obstacle_count"] == 40
    assert len(equality["obstacles"]) == lessons.PREVIEW_PER_KIND
    assert "Voir les 40 enseignements « Égalité entre partenaires »" in response.text
    assert "?categorie=egalite" in response.text


def test_a_category_is_listed_a_page_at_a_time(graph, client, make_project):
    many_lessons(make_project, 60)
    first = client.get(URL, {"categorie": "egalite"})
    assert first.status_code == 200
    texts = [item["text"] for item in first.context["project_items"]]
    assert len(texts) == lessons.PAGE_SIZE
    pages = [texts]
    for number in ("2", "3"):
        pages.append(
            [
                item["text"]
                for item in client.get(URL, {"categorie": "egalite", "page": number}).context["project_items"]
            ]
        )
    every = [text for page in pages for text in page]
    assert sorted(every) == [f"Enseignement {n:03}" for n in range(60)]  # each once, nothing hidden
    assert "Page 1 sur 3" in first.text
    # Any page number answers a page, never an error.
    for number in ("abc", "0", "-1", "999", "2.5", "9" * 30):
        assert client.get(URL, {"categorie": "egalite", "page": number}).status_code == 200, number
    # The other filters apply to the list too.
    assert client.get(URL, {"categorie": "egalite", "kind": "levier"}).context["category"]["count"] == 0


def test_hidden_case_studies_lessons_are_neither_counted_nor_listed(graph, client):
    response = client.get(URL, {"categorie": "financement"})
    texts = {item["text"] for item in response.context["project_items"]}
    assert texts  # the public case studies' own
    assert not texts & {"Texte de brouillon.", "Texte privé."}
    assert response.context["category"]["count"] == len(texts)


def lesson_counts(queries) -> list[str]:
    """Statements that count lessons row by row (the state's MAX(id) reads are by key)."""
    return [query["sql"] for query in queries if "COUNT(" in query["sql"] and 'FROM "projets_lesson" ' in query["sql"]]


def test_lessons_are_counted_once_per_state_of_the_pages(graph, client, make_project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for params in ({}, {"categorie": "egalite"}):
        client.get(URL, params)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        assert lesson_counts(queries) == [], params  # neither the counts nor the category's paginator
    before = client.get(URL, {"categorie": "egalite"}).context["category"]["count"]
    many_lessons(make_project, 30)
    response = client.get(URL, {"categorie": "egalite"})
    assert response.context["category"]["count"] == before + 30
    assert response.context["lesson_page"].paginator.num_pages == -(-(before + 30) // lessons.PAGE_SIZE)


def test_lessons_leave_their_pages_texts_unread(graph, client, home_page, make_project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_event(home_page, "Journée Arras")
    many_lessons(make_project, 5)
    for params in ({}, {"categorie": "egalite"}, {"categorie": "administration"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        bodies = [query["sql"] for query in queries if '_projectpage"."body"' in query["sql"]]
        bodies += [query["sql"] for query in queries if '_eventpage"."body"' in query["sql"]]
        assert bodies == [], params
