"""A case study's short lists, read in one statement: its themes, territories, keywords, lessons and sources.

Through the ORM they were five queries (two prefetches, the tag manager, two related managers), each ~1 ms of
Python to build and compile for a few rows, and each planned by PostgreSQL. The rows come back as model
instances holding the fields the page and its JSON-LD read (any other field would cost a query:
tests/site/test_case_study_page.py bounds them), in the order the models give: themes by name, territories
by kind then code, keywords by name, lessons and sources in their editor's order.

A preview is another matter: the editor's unsaved lists live in the page object (modelcluster), not in the
database, and are read through its managers (`lists_in_memory`).
"""

from dataclasses import dataclass, field

THEME, TERRITORY, TAG, LESSON, SOURCE = range(5)

# Columns 2 to 5 are the sort keys of each part, columns 6 to 9 its fields.
PAGE_LISTS_SQL = """
SELECT 0, theme.name, '', 0, theme.id, theme.name, theme.slug, NULL, CAST(NULL AS DATE)
  FROM {themes_link} link JOIN {theme} theme ON theme.id = link.theme_id WHERE link.projectpage_id = %s
UNION ALL
SELECT 1, territory.kind, territory.code, 0, territory.id, territory.kind, territory.code, territory.name,
       CAST(NULL AS DATE)
  FROM {territories_link} link JOIN {territory} territory ON territory.id = link.territory_id
 WHERE link.projectpage_id = %s
UNION ALL
SELECT 2, tag.name, '', 0, tag.id, tag.name, NULL, NULL, CAST(NULL AS DATE)
  FROM {tag_link} link JOIN {tag} tag ON tag.id = link.tag_id WHERE link.content_object_id = %s
UNION ALL
SELECT 3, '', '', lesson.sort_order, lesson.id, lesson.kind, lesson.category, lesson.text, CAST(NULL AS DATE)
  FROM {lesson} lesson WHERE lesson.page_id = %s
UNION ALL
SELECT 4, '', '', source.sort_order, source.id, source.title, source.url, NULL, source.read_on
  FROM {source} source WHERE source.page_id = %s
ORDER BY 1, 2, 3, 4, 5
"""

# What each part's fields 6 to 9 are, as the model's attribute names (None: not read).
FIELDS = {
    THEME: ("name", "slug", None, None),
    TERRITORY: ("kind", "code", "name", None),
    TAG: ("name", None, None, None),
    LESSON: ("kind", "category", "text", None),
    SOURCE: ("title", "url", None, "read_on"),
}


@dataclass
class PageLists:
    themes: list = field(default_factory=list)
    territories: list = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    lessons: list = field(default_factory=list)
    sources: list = field(default_factory=list)


def lists_in_memory(page) -> PageLists:
    """The lists as the page object holds them: for a preview, where they may differ from the saved ones."""
    return PageLists(
        themes=list(page.themes.all()),
        territories=list(page.territories.all()),
        tag_names=[tag.name for tag in page.tags.all()],
        lessons=list(page.lessons.all()),
        sources=list(page.sources.all()),
    )


def page_lists(page) -> PageLists:
    from django.db import connection
    from taggit.models import Tag

    from projets.models import Lesson, ProjectSource, Territory, Theme

    models = {THEME: Theme, TERRITORY: Territory, TAG: Tag, LESSON: Lesson, SOURCE: ProjectSource}
    lists = PageLists()
    targets = {THEME: lists.themes, TERRITORY: lists.territories, LESSON: lists.lessons, SOURCE: lists.sources}
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [page.pk] * 5)
        rows = cursor.fetchall()
    for part, _key1, _key2, _key3, pk, *values in rows:
        if part == TAG:
            lists.tag_names.append(values[0])
            continue
        model = models[part]
        read = [(name, value) for name, value in zip(FIELDS[part], values, strict=True) if name]
        # to_python: SQLite gives a date as text.
        values = [pk, *(model._meta.get_field(name).to_python(value) for name, value in read)]
        targets[part].append(model.from_db(connection.alias, ["id", *(name for name, _value in read)], values))
    return lists


def _sql() -> str:
    from taggit.models import Tag

    from cms.sql import table
    from projets.models import Lesson, ProjectPage, ProjectSource, ProjectTag, Territory, Theme

    return PAGE_LISTS_SQL.format(
        themes_link=table(ProjectPage.themes.through),
        theme=table(Theme),
        territories_link=table(ProjectPage.territories.through),
        territory=table(Territory),
        tag_link=table(ProjectTag),
        tag=table(Tag),
        lesson=table(Lesson),
        source=table(ProjectSource),
    )
