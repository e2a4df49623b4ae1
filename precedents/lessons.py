"""What cooperations teach: obstacles and levers of case studies and event workshops, by category."""

from dataclasses import dataclass

from django.db.models import Q

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
        "themes": list(Theme.objects.select_related("parent").order_by("parent__name", "name")),
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


def collect(filters: LessonFilters, request=None) -> list[dict]:
    """Every lesson as a plain item (kind, category, text, where it comes from)."""
    lessons = Lesson.objects.filter(page__in=public_projects(filters).values("pk")).select_related("page")
    if filters.kind:
        lessons = lessons.filter(kind=filters.kind)
    items = [
        {
            "kind": lesson.kind,
            "category": lesson.category,
            "text": lesson.text,
            "source": lesson.page.title,
            "url": lesson.page.get_url(request),
            "origin": "project",
        }
        for lesson in lessons.order_by("page__title", "sort_order")
    ]
    if filters.narrows_projects:
        return items
    workshop_lessons = WorkshopLesson.objects.filter(
        workshop__page__in=EventPage.objects.live().public().values("pk")
    ).select_related("workshop__page")
    if filters.kind:
        workshop_lessons = workshop_lessons.filter(kind=filters.kind)
    for lesson in workshop_lessons.order_by("workshop__page__date", "workshop__sort_order", "sort_order"):
        items.append(
            {
                "kind": lesson.kind,
                "category": lesson.category,
                "text": lesson.text,
                "source": f"{lesson.workshop.title} ({lesson.workshop.page.title})",
                "url": lesson.workshop.page.get_url(request),
                "origin": "workshop",
            }
        )
    return items


def by_category(items: list[dict]) -> list[dict]:
    """Categories in their fixed order, each with obstacle and lever counts and texts."""
    groups = []
    for value, label in LessonCategory.choices:
        in_category = [item for item in items if item["category"] == value]
        groups.append(
            {
                "category": value,
                "label": label,
                "count": len(in_category),
                "obstacles": [item for item in in_category if item["kind"] == LessonKind.OBSTACLE],
                "levers": [item for item in in_category if item["kind"] == LessonKind.LEVER],
            }
        )
    return groups
