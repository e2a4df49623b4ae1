"""Demo content of the domain: themes, organisations, the catalogue, the case studies and the founding day.

Idempotent: a second run finds everything identical and writes nothing (no new revision, no save).
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import escape
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.models import HomePage
from projets.choices import LessonCategory, LessonKind, Scale
from projets.demo_data import ORGANISATIONS, THEMES
from projets.demo_event import EVENT
from projets.demo_programmes import PROGRAMMES
from projets.demo_projects import PROJECTS
from projets.models import (
    Contract,
    EventPage,
    EventSession,
    FundingLine,
    FundingProgramme,
    Lesson,
    Organisation,
    ProgrammeSource,
    ProjectIndexPage,
    ProjectOutput,
    ProjectPage,
    ProjectPartner,
    ProjectSource,
    Territory,
    Theme,
    Workshop,
    WorkshopLesson,
)

INDEX_INTRO = (
    "Des études de cas de coopérations entre associations et recherche publique : partenaires, "
    "financements, contrats et enseignements, d'après des sources publiques citées sur chaque page."
)


def save_if_changed(instance, **fields) -> bool:
    changed = [name for name, value in fields.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, fields[name])
    if changed or instance.pk is None:
        instance.save()
        return True
    return False


def territory(key):
    if key is None:
        return None
    kind, code = key
    return Territory.objects.get(kind=kind, code=code)


def load_themes() -> dict[str, Theme]:
    themes = {}
    for slug, name, parent, description in THEMES:
        theme = Theme.objects.filter(slug=slug).first() or Theme(slug=slug)
        save_if_changed(theme, name=name, parent=themes.get(parent), description=description)
        themes[slug] = theme
    return themes


def load_organisations() -> dict[str, Organisation]:
    from projets.identifiers import normalise_name

    organisations = {}
    for key, spec in ORGANISATIONS.items():
        fields = {**spec, "territory": territory(spec["territory"])}
        organisation = Organisation.objects.filter(normalised_name=normalise_name(spec["name"])).first()
        organisation = organisation or Organisation()
        save_if_changed(organisation, **fields)
        organisations[key] = organisation
    return organisations


def load_programmes(organisations) -> dict[str, FundingProgramme]:
    """The funding programmes, their sources replaced only when they differ."""
    programmes = {}
    for slug, spec in PROGRAMMES.items():
        fields = {name: value for name, value in spec.items() if name != "sources"}
        fields |= {"funder": organisations.get(spec["funder"]), "territory": territory(spec["territory"])}
        item = FundingProgramme.objects.filter(slug=slug).first() or FundingProgramme(slug=slug)
        save_if_changed(item, **fields)
        current = list(item.sources.order_by("sort_order").values_list("title", "url", "secondary"))
        if current != spec["sources"]:
            item.sources.all().delete()
            for order, (title, url, secondary) in enumerate(spec["sources"]):
                ProgrammeSource.objects.create(
                    programme=item, title=title, url=url, secondary=secondary, sort_order=order
                )
        programmes[slug] = item
    return programmes


# -- Pages: compare a page's content with the wanted one, publish a revision only if it differs -------


def paragraphs(texts):
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def stream_snapshot(stream):
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream]


def rows_snapshot(rows):
    """The content of inline rows, without their keys and order fields."""
    snapshot = []
    for row in rows:
        values = {}
        for field in row._meta.get_fields():
            if field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):  # not a GenericRelation
                values[field.name] = rows_snapshot(getattr(row, field.name).all())
            elif field.auto_created or field.name in {"page", "sort_order", "workshop"}:
                continue
            elif field.many_to_many:
                values[field.name] = sorted(obj.pk for obj in getattr(row, field.name).all())
            elif field.concrete:
                values[field.name] = getattr(row, field.attname)
        snapshot.append(values)
    return snapshot


def page_snapshot(page, fields, relations, streams):
    return (
        {name: getattr(page, name) for name in fields},
        {name: sorted(obj.pk for obj in getattr(page, name).all()) for name in relations["m2m"]},
        {name: rows_snapshot(getattr(page, name).all()) for name in relations["rows"]},
        {name: stream_snapshot(getattr(page, name)) for name in streams},
    )


def upsert_page(parent, model, slug, fields, m2m=None, rows=None, streams=None):
    """Create or update the live child page `slug` of `parent`; publish only when something changed."""
    m2m, rows, streams = m2m or {}, rows or {}, streams or {}
    relations = {"m2m": list(m2m), "rows": list(rows)}
    page = parent.get_children().filter(slug=slug).specific().first()
    before = page_snapshot(page, fields, relations, streams) if page is not None else None
    if page is None:
        page = model(slug=slug)
    for name, value in {**fields, **streams}.items():
        setattr(page, name, value)
    for name, objects in m2m.items():
        getattr(page, name).set(objects)
    for name, objects in rows.items():
        setattr(page, name, objects)
    if before is not None and page_snapshot(page, fields, relations, streams) == before:
        return page
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def project_rows(spec, organisations, programmes):
    def contract(data):
        data = dict(data)
        parties = [organisations[key] for key in data.pop("parties")]
        row = Contract(**data)
        row.parties.set(parties)
        return row

    return {
        "partners": [ProjectPartner(organisation=organisations[key], role=role) for key, role in spec["partners"]],
        "funding_lines": [
            FundingLine(
                kind=line["kind"],
                programme=line["programme"],
                funder=organisations[line["funder"]] if line["funder"] else None,
                amount=Decimal(line["amount"]) if line["amount"] else None,
                funding_programme=programmes[line["scheme"]] if line["scheme"] else None,
                year_from=line["years"][0],
                year_to=line["years"][1],
            )
            for line in spec["funding"]
        ],
        "contracts": [contract(data) for data in spec["contracts"]],
        "lessons": [Lesson(kind=kind, category=category, text=text) for kind, category, text in spec["lessons"]],
        "outputs": [
            ProjectOutput(kind=kind, title=title, year=year, url=url) for kind, title, year, url in spec["outputs"]
        ],
        "sources": [ProjectSource(title=title, url=url) for title, url in spec["sources"]],
    }


# Scales at which a case study may have no territory: the facts say it is national or international.
UNPLACED_SCALES = {Scale.NATIONAL, Scale.INTERNATIONAL}


def check_territories(specs) -> None:
    """Every case study has a territory (region filters find it) unless the facts say it is national or
    international."""
    unplaced = [spec["slug"] for spec in specs if not spec["territories"] and spec["scale"] not in UNPLACED_SCALES]
    if unplaced:
        raise ValueError(
            "Études de cas sans territoire (donnez celui des sources, ou l'échelle nationale ou internationale "
            "si les sources la donnent) : " + ", ".join(unplaced)
        )


def load_project(index, spec, themes, organisations, programmes) -> ProjectPage:
    fields = {
        "title": spec["title"],
        "summary": spec["summary"],
        "start_year": spec["start"][0],
        "start_month": spec["start"][1],
        "end_year": spec["end"][0],
        "end_month": spec["end"][1],
        "status": spec["status"],
        "scale": spec["scale"],
        "cooperation_format": spec["format"],
    }
    m2m = {
        "themes": [themes[slug] for slug in spec["themes"]],
        "territories": [territory(key) for key in spec["territories"]],
    }
    return upsert_page(
        index,
        ProjectPage,
        spec["slug"],
        fields,
        m2m=m2m,
        rows=project_rows(spec, organisations, programmes),
        streams={"body": paragraphs(spec["body"])},
    )


def load_event(home, organisations, projects) -> EventPage:
    sessions = []
    for time, title, speakers, project_slugs in EVENT["sessions"]:
        session = EventSession(time=datetime.time(*time), title=title, speakers=speakers)
        session.projects.set([projects[slug] for slug in project_slugs])
        sessions.append(session)
    workshops = []
    for title, synthesis, lessons in EVENT["workshops"]:
        workshop = Workshop(title=title, synthesis=synthesis)
        workshop.lessons = [
            WorkshopLesson(kind=LessonKind.OBSTACLE, category=LessonCategory(category), text=text)
            for category, text in lessons
        ]
        workshops.append(workshop)
    fields = {name: EVENT[name] for name in ("title", "date", "start_time", "end_time", "place", "address", "intro")}
    return upsert_page(
        home,
        EventPage,
        EVENT["slug"],
        fields,
        m2m={"organisers": [organisations[key] for key in EVENT["organisers"]]},
        rows={"sessions": sessions, "workshops": workshops},
        streams={"body": EVENT["body"]},
    )


@contextmanager
def deferred_indexing():
    """Index each saved object once, after the transaction, instead of on every save of its parts."""
    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, instance.pk)] = instance

    models = [model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    for instance in saved.values():
        if ReferenceIndex.is_indexed(type(instance)):
            ReferenceIndex.create_or_update_for_object(instance)
        search_index.insert_or_update_object(instance)


def load_projects_demo() -> None:
    """Themes, organisations, /projets/ with one case study per cooperation, and the founding day."""
    with deferred_indexing():
        load_in_transaction()


@transaction.atomic
def load_in_transaction(projects=PROJECTS) -> None:
    check_territories(projects)
    home = HomePage.objects.get()
    themes = load_themes()
    organisations = load_organisations()
    programmes = load_programmes(organisations)
    index = upsert_page(home, ProjectIndexPage, "projets", {"title": "Projets", "intro": INDEX_INTRO})
    projects = {spec["slug"]: load_project(index, spec, themes, organisations, programmes) for spec in projects}
    load_event(home, organisations, projects)
