"""Accent-insensitive contains: the Python fold and the database function agree."""

import pytest
from django.db.models import Value
from django.db.models.functions import Lower

from precedents.textsearch import Unaccent, fold
from projets.models import Theme


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Réunion", "reunion"), ("ŒUVRE", "oeuvre"), ("Île-de-France", "ile-de-france"), ("ça", "ca"), ("", "")],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Réunion", "Élève à l'école", "Ça dépend", "Hauts-de-France"])
def test_database_unaccent_matches_python_fold(text):
    Theme.objects.create(name="x", slug="x")
    folded = Theme.objects.annotate(folded=Lower(Unaccent(Value(text)))).values_list("folded", flat=True).get()
    assert folded == fold(text)
