"""What cooperations teach: obstacles and levers of case studies and event workshops, by category."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q

from cms.collation import alphabetical
from precedents.selection import unknown_value
from projets.catalogue import pages_state
from projets.choices import CooperationFormat, LessonCategory, LessonKind, TerritoryKind
from projets.models import EventPage, Lesson, ProjectPage, Territory, Theme, WorkshopLesson


@dataclass
class LessonFilters:
    theme: str = ""
    region: str = ""
    format: str = ""
    kind: str = ""

    @property
    def narrows_projects(self) -> bool:
        """Workshops have no theme, region or format: such a filter keeps case studies only."""
        return bool(self.theme or self.region or self.format)


def options() -> dict:
    return {
        "themes": list(Theme.objects.select_related("parent").order_by(*alphabetical("parent__name", "name"))),
        "regions": list(Territory.objects.filter(kind=TerritoryKind.REGION).values_list("code", "name")),
        "formats": CooperationFormat.choices,
        "kinds": LessonKind.choices,
    }


def parse_lesson_filters(params, known: dict) -> LessonFilters:
    filters = LessonFilters()
    allowed = {
        "theme": {theme.slug for theme in known["themes"]},
        "region": {code for code, _name in known["regions"]},
        "format": set(CooperationFormat.values),
        "kind": set(LessonKind.values),
    }
    for name, values in allowed.items():
        value = (params.get(name) or "").strip()
        if value and value not in values:
            raise unknown_value(name, value)
        setattr(filters, name, value)
    return filters


def public_projects(filters: LessonFilters):
    pages = ProjectPage.objects.live().public()
    if filters.theme:
        pages = pages.filter(
            pk__in=ProjectPage.objects.filter(
                Q(themes__slug=filters.theme) | Q(themes__parent__slug=filters.theme)
            ).values("pk")
        )
    if filters.region:
        pages = pages.filter(
            pk__in=ProjectPage.objects.filter(
                Q(territories__kind=TerritoryKind.REGION, territories__code=filters.region)
                | Q(territories__kind=TerritoryKind.DEPARTEMENT, territories__region__code=filters.region)
            ).values("pk")
        )
    if filters.format:
        pages = pages.filter(cooperation_format=filters.format)
    return pages


# Lessons shown per category and kind on the first screen, taken from the most recently published case studies.
PREVIEW_PER_KIND = 3
PREVIEW_PAGES = 200
# A lesson shows its page's title and link: the page's texts (a StreamField parsed at loading) are left unread.
PROJECT_PAGE_TEXTS = ("page__body", "page__summary", "page__search_description")
WORKSHOP_PAGE_TEXTS = ("workshop__page__body", "workshop__page__intro", "workshop__page__search_description")
# Lessons per page of a category's own list.
PAGE_SIZE = 25


# How long the counts of one state of the pages are kept (a new state has a new key: this only frees memory).
COUNTS_SECONDS = 24 * 3600


def counts_by_source(filters: LessonFilters) -> tuple[dict, dict]:
    """({(category, kind): n} of the case studies, the same of the workshops) the filters keep.

    Each aggregate reads every lesson of the catalogue: it is counted once per state of the pages (the
    key holds it, so a publication counts again and a figure shown is never stale) and filters."""
    key = f"precedents:lesson-counts:{pages_state(Lesson, WorkshopLesson)}:{filters}"
    kept = cache.get(key)
    if kept is None:
        kept = tuple(
            {
                (category, kind): number
                for category, kind, number in lessons.values_list("category", "kind")
                .annotate(number=Count("*"))
                .order_by()
            }
            for lessons in (_project_lessons(filters), _workshop_lessons(filters))
        )
        cache.set(key, kept, COUNTS_SECONDS)
    return kept


def counts(filters: LessonFilters, sources: tuple[dict, dict] | None = None) -> dict[tuple[str, str], int]:
    """{(category, kind): number of lessons} of the public case studies (and workshops) the filters keep."""
    totals: dict[tuple[str, str], int] = {}
    for source in sources or counts_by_source(filters):
        for pair, number in source.items():
            totals[pair] = totals.get(pair, 0) + number
    return totals


def _project_lessons(filters: LessonFilters):
    lessons = Lesson.objects.filter(page__in=public_projects(filters).values("pk"))
    return lessons.filter(kind=filters.kind) if filters.kind else lessons


def _workshop_lessons(filters: LessonFilters):
    if filters.narrows_projects:
        return WorkshopLesson.objects.none()
    lessons = WorkshopLesson.objects.filter(workshop__page__in=EventPage.objects.live().public().values("pk"))
    return lessons.filter(kind=filters.kind) if filters.kind else lessons


def _item(lesson, source: str, url: str, origin: str) -> dict:
    return {
        "kind": lesson.kind,
        "kind_label": LessonKind(lesson.kind).label,
        "category": lesson.category,
        "text": lesson.text,
        "source": source,
        "url": url,
        "origin": origin,
    }


def project_item(lesson, request) -> dict:
    return _item(lesson, lesson.page.title, lesson.page.get_url(request), "project")


def _workshop_item(lesson, request) -> dict:
    page = lesson.workshop.page
    return _item(lesson, f"{lesson.workshop.title} ({page.title})", page.get_url(request), "workshop")


def workshop_items(filters: LessonFilters, request=None, category: str = "") -> list[dict]:
    """The founding days' workshop lessons, in the order of the day (a few dozen per event)."""
    lessons = _workshop_lessons(filters).select_related("workshop__page").defer(*WORKSHOP_PAGE_TEXTS)
    if category:
        lessons = lessons.filter(category=category)
    ordered = lessons.order_by("workshop__page__date", "workshop__sort_order", "sort_order")
    return [_workshop_item(lesson, request) for lesson in ordered]


def preview(filters: LessonFilters, request=None) -> list[dict]:
    """A few lessons per category and kind: the workshops' first, then those of the case studies published
    last (read among the PREVIEW_PAGES newest that the filters keep, so the cost does not grow)."""
    newest = public_projects(filters).order_by("-pk").values("pk")[:PREVIEW_PAGES]  # a walk of the key's index
    lessons = Lesson.objects.filter(page__in=newest).select_related("page").defer(*PROJECT_PAGE_TEXTS)
    lessons = lessons.order_by("-page_id", "sort_order")
    if filters.kind:
        lessons = lessons.filter(kind=filters.kind)
    kept: dict[tuple[str, str], list[dict]] = {}
    for item in workshop_items(filters, request):
        shown = kept.setdefault((item["category"], item["kind"]), [])
        if len(shown) < PREVIEW_PER_KIND:
            shown.append(item)
    for lesson in lessons:  # an item (and its page's URL) is built only for the lessons shown
        shown = kept.setdefault((lesson.category, lesson.kind), [])
        if len(shown) < PREVIEW_PER_KIND:
            shown.append(project_item(lesson, request))
    return [item for shown in kept.values() for item in shown]


def category_page(filters: LessonFilters, category: str, page_number, request=None, sources=None) -> dict:
    """One category's lessons: the workshops' whole, the case studies' a page at a time (newest first)."""
    lessons = _project_lessons(filters).filter(category=category).select_related("page").defer(*PROJECT_PAGE_TEXTS)
    lessons = lessons.order_by("-page_id", "pk")
    paginator = Paginator(lessons, PAGE_SIZE)
    projects, _workshops = sources or counts_by_source(filters)
    paginator.count = sum(number for (value, _kind), number in projects.items() if value == category)  # kept
    page = paginator.get_page(page_number)
    return {
        "workshop_items": workshop_items(filters, request, category),
        "project_items": [project_item(lesson, request) for lesson in page.object_list],
        "lesson_page": page,
    }


def by_category(items: list[dict], totals: dict[tuple[str, str], int]) -> list[dict]:
    """Categories in their fixed order, each with its obstacle and lever counts and the texts shown."""
    groups = []
    for value, label in LessonCategory.choices:
        in_category = [item for item in items if item["category"] == value]
        obstacles = totals.get((value, LessonKind.OBSTACLE), 0)
        levers = totals.get((value, LessonKind.LEVER), 0)
        groups.append(
            {
                "category": value,
                "label": label,
                "count": obstacles + levers,
                "obstacle_count": obstacles,
                "lever_count": levers,
                "obstacles": [item for item in in_category if item["kind"] == LessonKind.OBSTACLE],
                "levers": [item for item in in_category if item["kind"] == LessonKind.LEVER],
            }
        )
    return groups
