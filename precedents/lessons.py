"""What cooperations teach: obstacles and levers of case studies and event workshops, by category."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q

from cms.collation import alphabetical
from precedents.selection import unknown_value
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
# Lessons per page of a category's own list.
PAGE_SIZE = 25


def counts(filters: LessonFilters) -> dict[tuple[str, str], int]:
    """{(category, kind): number of lessons} of the public case studies (and workshops) the filters keep:
    one aggregate per source."""
    totals: dict[tuple[str, str], int] = {}
    for lessons in (_project_lessons(filters), _workshop_lessons(filters)):
        for category, kind, number in lessons.values_list("category", "kind").annotate(number=Count("*")).order_by():
            totals[(category, kind)] = totals.get((category, kind), 0) + number
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
    lessons = _workshop_lessons(filters).select_related("workshop__page")
    if category:
        lessons = lessons.filter(category=category)
    ordered = lessons.order_by("workshop__page__date", "workshop__sort_order", "sort_order")
    return [_workshop_item(lesson, request) for lesson in ordered]


def preview(filters: LessonFilters, request=None) -> list[dict]:
    """A few lessons per category and kind: the workshops' first, then those of the case studies published
    last (read among the PREVIEW_PAGES newest that the filters keep, so the cost does not grow)."""
    newest = public_projects(filters).order_by("-pk").values("pk")[:PREVIEW_PAGES]  # a walk of the key's index
    lessons = Lesson.objects.filter(page__in=newest).select_related("page").order_by("-page_id", "sort_order")
    if filters.kind:
        lessons = lessons.filter(kind=filters.kind)
    kept: dict[tuple[str, str], list[dict]] = {}
    items = workshop_items(filters, request) + [project_item(lesson, request) for lesson in lessons]
    for item in items:
        shown = kept.setdefault((item["category"], item["kind"]), [])
        if len(shown) < PREVIEW_PER_KIND:
            shown.append(item)
    return [item for shown in kept.values() for item in shown]


def category_page(filters: LessonFilters, category: str, page_number, request=None) -> dict:
    """One category's lessons: the workshops' whole, the case studies' a page at a time (newest first)."""
    lessons = _project_lessons(filters).filter(category=category).select_related("page").order_by("-page_id", "pk")
    page = Paginator(lessons, PAGE_SIZE).get_page(page_number)
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
