"""POST data of the admin page forms, as the editor's browser sends it.

Multiple-choice values (themes, territories, contract parties) are tuples: nested_form_data flattens
lists into numbered keys, while the test client sends a tuple as repeated values.
"""

from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

CONTRACT_DEFAULTS = {
    "kind": "collaboration_recherche",
    "title": "",
    "signed_on": "",
    "duration_months": "",
    "intellectual_property": "copropriete",
    "publication": "relecture",
    "publication_review_days": "30",
    "data": "personnelles",
    "compensation": "frais",
    "governance": "comite_pilotage",
    "what_worked": "",
    "what_to_change": "",
    "document": "",
    "visibility": "public",
}


def contract(parties, **fields):
    return {**CONTRACT_DEFAULTS, "parties": tuple(str(org.pk) for org in parties), **fields}


def partner(organisation, role="partenaire_associatif", contribution=""):
    return {"organisation": str(organisation.pk), "role": role, "contribution": contribution}


def funding_line(kind="subvention", funder=None, amount="", programme=""):
    return {
        "funder": str(funder.pk) if funder else "",
        "kind": kind,
        "programme": programme,
        "amount": str(amount),
        "year_from": "",
        "year_to": "",
    }


def project_form_data(title="Oiseaux des champs", partners=(), funding=(), contracts=(), **fields):
    """Everything the ProjectPage add/edit form posts; override any field by keyword."""
    data = {
        "title": title,
        "slug": slugify(title),
        "summary": "Une association naturaliste et un laboratoire suivent les oiseaux des champs.",
        "start_year": "2018",
        "start_month": "",
        "end_year": "2020",
        "end_month": "",
        "status": "termine",
        "scale": "regional",
        "cooperation_format": "boutique_sciences",
        "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Un récit de la coopération.</p>"))]),
        "partners": inline_formset(list(partners)),
        "funding_lines": inline_formset(list(funding)),
        "contracts": inline_formset(list(contracts)),
        "lessons": inline_formset([]),
        "outputs": inline_formset([]),
        "sources": inline_formset([{"title": "Page du projet", "url": "https://example.org/p", "read_on": ""}]),
        "reference": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return nested_form_data(data)


def form_errors(response):
    """The errors of the page form and of each of its formsets, for assertion messages."""
    form = response.context["form"]
    return form.errors, {name: formset.errors for name, formset in form.formsets.items()}
