"""What a case study lacks, stored on the page so that listings find incomplete ones by a column.

A case study is complete when it names partners, funding, sources, themes and territories. The page
keeps the keys of what it lacks in `ProjectPage.missing_parts` ("funding,sources"), computed from its
in-memory relations on every full save (publishing saves the page with the revision's rows): dashboards
and reports then read by that column with a limit, never every case study with its relations.
"""

from django.utils.translation import gettext_lazy as _

# Key -> (relation on ProjectPage, label); the order is the order they are shown in.
PARTS = {
    "partners": ("partners", _("partenaires")),
    "funding": ("funding_lines", _("financements")),
    "sources": ("sources", _("sources")),
    "themes": ("themes", _("thèmes")),
    "territories": ("territories", _("territoires")),
}
SEPARATOR = ","


def missing_parts_of(page) -> str:
    """The keys of the relations this page (saved or in memory) has no row in, joined by commas."""
    return SEPARATOR.join(key for key, (relation, _label) in PARTS.items() if not _has_rows(page, relation))


def _has_rows(page, relation: str) -> bool:
    # modelcluster answers from the in-memory rows once a form or a revision assigned them, from SQL otherwise.
    return getattr(page, relation).all().exists()


def missing_labels(missing_parts: str) -> list[str]:
    """The French labels of stored keys, in their display order; unknown keys are ignored."""
    keys = set(filter(None, missing_parts.split(SEPARATOR)))
    return [label for key, (_relation, label) in PARTS.items() if key in keys]
