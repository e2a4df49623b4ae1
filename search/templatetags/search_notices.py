"""What the results page says when the words searched were relaxed (search.backends.matching)."""

import re

from django import template

from search.french import fold

register = template.Library()


@register.simple_tag
def corrected_text(outcome) -> str:
    """The text typed with its corrected words replaced by the words searched instead."""
    instead = dict(outcome.corrected)
    return re.sub(r"\w+", lambda word: instead.get(fold(word.group()), word.group()), outcome.query.text)


@register.simple_tag
def exact_text(outcome) -> str:
    """The text typed, every word "quoted": searched exactly as typed, never corrected."""
    return " ".join(f'"{word}"' for word in outcome.query.text.replace('"', " ").split())


@register.simple_tag
def missing_words(outcome) -> str:
    return ", ".join(f"« {word} »" for word in outcome.missing_words)
