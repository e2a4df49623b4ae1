"""French counts: 0 and 1 take the singular, in French and in English alike.

French is the source language, so without a French catalogue gettext falls back to the English rule
(n == 1 is singular) and shows "0 études de cas". locale/fr holds every plural message of the code with the
French rule (n > 1); the test below finds them all in the templates and the Python code.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
ROOMS = ("cms", "projets", "search", "precedents", "donnees", "bench", "templates")
PLURAL_CALLS = {"ngettext", "ngettext_lazy", "ngettext_noop"}
_LITERAL = r"u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
TEMPLATE_CALL = re.compile(rf"\bngettext\({_LITERAL}, {_LITERAL}, ")


def source_files(suffix: str):
    for room in ROOMS:
        for path in sorted((ROOT / room).rglob(f"*{suffix}")):
            if "migrations" not in path.parts:
                yield path


def plural_messages() -> set[tuple[str, str]]:
    """Every (singular, plural) pair the code hands to ngettext or {% blocktranslate count %}."""
    found = set()
    for path in source_files(".html"):
        for singular, plural in TEMPLATE_CALL.findall(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            found.add((ast.literal_eval(singular), ast.literal_eval(plural)))
    for path in source_files(".py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            singular, plural = node.args[:2]
            if name in PLURAL_CALLS and isinstance(singular, ast.Constant) and isinstance(plural, ast.Constant):
                found.add((singular.value, plural.value))
    return found


def test_the_code_has_plural_messages():
    messages = plural_messages()
    assert ("%(counter)s étude de cas", "%(counter)s études de cas") in messages
    assert len(messages) > 20


@pytest.mark.parametrize(("singular", "plural"), sorted(plural_messages()))
def test_every_plural_message_takes_the_french_singular_for_zero(singular, plural):
    with translation.override("fr"):
        for count, expected in ((0, singular), (1, singular), (2, plural), (17, plural)):
            assert translation.ngettext(singular, plural, count) == expected, count


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("fr", {0: "0 étude de cas", 1: "1 étude de cas", 2: "2 études de cas"}),
        ("en", {0: "0 case studies", 1: "1 case study", 2: "2 case studies"}),
    ],
)
def test_a_count_reads_right_in_both_languages(language, counts):
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} étude de cas"
        "{% plural %}{{ counter }} études de cas{% endblocktranslate %}"
    )
    with translation.override(language):
        for count, expected in counts.items():
            assert template.render(Context({"n": count})) == expected


def test_a_map_label_reads_right_for_zero():
    with translation.override("fr"):
        label = translation.ngettext(
            "%(name)s : %(counter)s étude de cas", "%(name)s : %(counter)s études de cas", 0
        ) % {"name": "Hauts-de-France", "counter": 0}
    assert label == "Hauts-de-France : 0 étude de cas"
