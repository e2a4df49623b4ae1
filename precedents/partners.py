"""Partner suggestions: organisations of the kind sought that already cooperated on the same themes.

Nearest first (same département, same region, neighbouring region, then the rest), then the most
cooperations, then the most recent one. Every suggestion carries the case studies that justify it.
Only what organisations publish is shown (name, kind, seat); never people.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.collation import sort_key
from precedents.selection import BadParameter, reject_nul
from projets.choices import ASSOCIATIVE_KINDS, RESEARCH_KINDS, PartnerRole, TerritoryKind
from projets.models import FundingLine, ProjectPage, ProjectPartner, Territory, Theme

LOOKING_FOR = {
    "laboratoire": gettext_lazy("Un laboratoire ou une équipe de recherche"),
    "association": gettext_lazy("Une association ou une structure de l'ESS"),
    "financeur": gettext_lazy("Un financeur"),
}
TIERS = [
    gettext_lazy("Même département"),
    gettext_lazy("Même région"),
    gettext_lazy("Région voisine"),
    gettext_lazy("Ailleurs en France ou au-delà"),
]
MAX_THEMES = 10


@dataclass
class Request:
    themes: list[str]
    looking_for: str
    region: Territory | None = None
    departement: Territory | None = None


@dataclass
class Suggestion:
    organisation: object
    tier: int
    projects: dict = field(default_factory=dict)  # page pk -> {"title", "url", "year"}

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def latest_year(self) -> int | None:
        years = [project["year"] for project in self.projects.values() if project["year"]]
        return max(years) if years else None

    @property
    def tier_label(self) -> str:
        return str(TIERS[self.tier])

    def sort_key(self):
        return (self.tier, -self.count, -(self.latest_year or 0), sort_key(self.organisation.name))


def parse_request(params) -> Request | None:
    """None when the form is not filled yet; BadParameter (French) on a value we do not know."""
    reject_nul(params)
    themes = [slug.strip() for slug in params.getlist("themes") if slug.strip()]
    looking_for = (params.get("looking_for") or "").strip()
    region_code = (params.get("region") or "").strip()
    departement_code = (params.get("departement") or "").strip()
    if not (themes or looking_for or region_code or departement_code):
        return None
    if looking_for not in LOOKING_FOR:
        raise BadParameter(_("Indiquez ce que vous cherchez : un laboratoire, une association ou un financeur."))
    if not themes:
        raise BadParameter(_("Choisissez au moins un thème."))
    if len(themes) > MAX_THEMES:
        raise BadParameter(_("Choisissez %(max)s thèmes au plus.") % {"max": MAX_THEMES})
    known = set(Theme.objects.filter(slug__in=themes).values_list("slug", flat=True))
    unknown = [slug for slug in themes if slug not in known]
    if unknown:
        raise BadParameter(_("Thème inconnu : %(slug)s.") % {"slug": unknown[0][:50]})
    request = Request(themes=themes, looking_for=looking_for)
    if departement_code:
        request.departement = (
            Territory.objects.select_related("region")
            .filter(kind=TerritoryKind.DEPARTEMENT, code=departement_code)
            .first()
        )
        if request.departement is None:
            raise BadParameter(_("Département inconnu : %(code)s.") % {"code": departement_code[:10]})
        request.region = request.departement.region
    if region_code:
        region = Territory.objects.filter(kind=TerritoryKind.REGION, code=region_code).first()
        if region is None:
            raise BadParameter(_("Région inconnue : %(code)s.") % {"code": region_code[:10]})
        if request.region and request.region.pk != region.pk:
            raise BadParameter(_("Ce département n'est pas dans cette région."))
        request.region = region
    return request


def projects_on_themes(slugs: list[str]):
    """Live public case studies on one of the themes (a parent theme includes its children)."""
    matching = ProjectPage.objects.filter(Q(themes__slug__in=slugs) | Q(themes__parent__slug__in=slugs)).values("pk")
    return ProjectPage.objects.live().public().filter(pk__in=matching).values("pk")


def cooperations(request: Request):
    """(organisation, page) pairs of the kind sought on the matching case studies."""
    projects = projects_on_themes(request.themes)
    related = ("organisation__territory__region", "page")
    if request.looking_for == "financeur":
        partners = ProjectPartner.objects.filter(page__in=projects, role=PartnerRole.FUNDER).select_related(*related)
        funders = FundingLine.objects.filter(page__in=projects, funder__isnull=False).select_related(
            "funder__territory__region", "page"
        )
        return [(p.organisation, p.page) for p in partners] + [(f.funder, f.page) for f in funders]
    kinds = RESEARCH_KINDS if request.looking_for == "laboratoire" else ASSOCIATIVE_KINDS
    partners = ProjectPartner.objects.filter(page__in=projects, organisation__kind__in=kinds).select_related(*related)
    return [(p.organisation, p.page) for p in partners]


def proximity(organisation, request: Request, neighbour_ids: set[int]) -> int:
    territory = organisation.territory
    if territory is None or territory.kind == TerritoryKind.SCOPE or request.region is None:
        return 3
    if request.departement and territory.pk == request.departement.pk:
        return 0
    region_id = territory.region_id if territory.kind == TerritoryKind.DEPARTEMENT else territory.pk
    if region_id == request.region.pk:
        return 1
    if region_id in neighbour_ids:
        return 2
    return 3


def suggest(request: Request, http_request=None) -> list[Suggestion]:
    neighbour_ids = set(request.region.neighbours.values_list("pk", flat=True)) if request.region else set()
    suggestions: dict[int, Suggestion] = {}
    for organisation, page in cooperations(request):
        suggestion = suggestions.get(organisation.pk)
        if suggestion is None:
            tier = proximity(organisation, request, neighbour_ids)
            suggestion = suggestions[organisation.pk] = Suggestion(organisation, tier)
        suggestion.projects[page.pk] = {
            "title": page.title,
            "url": page.get_url(http_request),
            "year": page.end_year or page.start_year,
        }
    return sorted(suggestions.values(), key=Suggestion.sort_key)
