"""What an organisation's page shows, in the same few queries however many case studies it has.

An organisation of the synthetic pool takes part in ~300 of 100,000 case studies: listing them all with the
~3,000 partner rows they hold took ~600 ms. Its case studies now come a page at a time, and its partners are
the most frequent ones, counted by the database.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, F

from cms.collation import Alphabetical
from projets.catalogue import public_projects
from projets.choices import PartnerRole, TerritoryKind
from projets.models import FundingLine, Organisation, ProjectPage, ProjectPartner, Territory

CASE_STUDIES_PER_PAGE = 24
PARTNERS_SHOWN = 30


def case_studies_of(organisation):
    """Its public case studies, as a partner or as a funder only (a funder not listed among the partners)."""
    # Without their default order (sort_order): SQLite refuses an ORDER BY inside a UNION's member.
    partner_of = ProjectPartner.objects.filter(organisation=organisation).order_by().values_list("page_id")
    funder_of = FundingLine.objects.filter(funder=organisation).order_by().values_list("page_id")
    # One list of ids by key: `pk IN (…) OR pk IN (…)` made PostgreSQL read every page (250 ms at 100,000).
    return public_projects().filter(pk__in=partner_of.union(funder_of))


def partnerships_page(organisation, number):
    """One page of its case studies, latest start year first: (paginator page of (case study, its roles)).

    `number` comes from the address: anything else than a page number gives the first page, never an error;
    a number past the last keeps its number with no case study, so that the pagination says the page does not
    exist and links to the last one, as every other list does.
    """
    order = (F("start_year").desc(nulls_last=True), "title", "pk")
    ids = case_studies_of(organisation).order_by(*order).values_list("pk", flat=True)
    paginator = Paginator(ids, CASE_STUDIES_PER_PAGE)
    past_last = _page_number(number)
    if past_last > paginator.num_pages > 0:
        return Page([], past_last, paginator)
    page = paginator.get_page(number)
    shown = list(page.object_list)
    projects = ProjectPage.objects.in_bulk(shown)
    roles = {pk: [] for pk in shown}
    for row in ProjectPartner.objects.filter(organisation=organisation, page_id__in=shown).order_by("sort_order"):
        roles[row.page_id].append(row.get_role_display())
    funder = str(PartnerRole.FUNDER.label)
    funded = FundingLine.objects.filter(funder=organisation, page_id__in=shown).values_list("page_id", flat=True)
    for page_id in funded:
        if funder not in roles[page_id]:
            roles[page_id].append(funder)
    page.object_list = [(projects[pk], roles[pk]) for pk in shown]
    return page


def _page_number(number) -> int:
    """The page number asked for, or 0 when the address holds no usable one."""
    try:
        return int(str(number).strip())
    except (TypeError, ValueError):
        return 0


def frequent_partners(organisation) -> tuple[list[tuple[Organisation, int]], int]:
    """The other organisations met most often in its public case studies, with how many they share (the
    first PARTNERS_SHOWN), and how many other organisations there are in all."""
    others = ProjectPartner.objects.filter(page__in=case_studies_of(organisation).values("pk")).exclude(
        organisation=organisation
    )
    counts = (
        others.values("organisation_id")
        .annotate(shared=Count("page_id", distinct=True))
        .order_by("-shared", Alphabetical("organisation__name"), "organisation_id")[:PARTNERS_SHOWN]
    )
    counts = [(row["organisation_id"], row["shared"]) for row in counts]
    organisations = Organisation.objects.in_bulk([pk for pk, _shared in counts])
    total = others.values("organisation_id").distinct().count()
    return [(organisations[pk], shared) for pk, shared in counts], total


def case_study_regions(organisation) -> list[Territory]:
    """The régions of its public case studies, named directly or through one of their départements (one query)."""
    ids = case_studies_of(organisation).values("pk")
    direct = Territory.objects.filter(kind=TerritoryKind.REGION, projects__in=ids).order_by().values_list("pk")
    through = Territory.objects.filter(departements__projects__in=ids).order_by().values_list("pk")
    return list(Territory.objects.filter(pk__in=direct.union(through)).order_by(Alphabetical("name")))
