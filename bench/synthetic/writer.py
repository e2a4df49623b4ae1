"""Write synthetic case studies in bulk, bypassing per-page `add_child`.

Treebeard paths are computed here (the catalogue's path plus one 4-character step per child), page
rows are inserted with `bulk_create` on `wagtailcore_page` and the ProjectPage rows with explicit
`page_ptr_id`, and the catalogue's `numchild` is updated once per batch. No revisions are created;
bulk inserts send no `post_save`, so nothing is indexed here (index afterwards); the facet table
(search.facet_table) is filled per batch, as publishing would.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from wagtail.models import Locale, Page

from bench.synthetic.compose import REFERENCE_PREFIX, Case, compose_case, reference_for
from bench.synthetic.facets import FacetLookups, facet_rows
from bench.synthetic.pools import build_pools
from projets.completeness import PARTS, SEPARATOR
from projets.models import (
    Contract,
    FundingLine,
    Lesson,
    ProjectIndexPage,
    ProjectOutput,
    ProjectPage,
    ProjectPartner,
    ProjectTag,
)
from projets.page_regions import store_region_names
from search import catalogue_cache
from search.models import SearchFacet

Progress = Callable[[int, int], None]


class SyntheticDataError(RuntimeError):
    pass


@dataclass
class GenerationResult:
    created: int = 0
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + count


def catalogue() -> ProjectIndexPage:
    """The catalogue page synthetic case studies go under (created under the home page if missing)."""
    index = ProjectIndexPage.objects.first()
    if index is not None:
        return index
    from cms.demo import build_site_tree

    home = build_site_tree()
    index = ProjectIndexPage(title="Projets", slug="projets")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _insert_child_rows(objs: list[ProjectPage]) -> None:
    """Insert only the projets_projectpage rows (the wagtailcore_page rows already exist)."""
    fields = ProjectPage._meta.local_concrete_fields
    db = router.db_for_write(ProjectPage)
    size = connections[db].ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        ProjectPage._base_manager.using(db)._insert(objs[start : start + size], fields=fields, using=db)


def _write_batch(cases: list[Case], index: ProjectIndexPage, first_step: int, context: dict, result) -> None:
    pages = []
    for offset, case in enumerate(cases):
        pages.append(
            Page(
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                depth=index.depth + 1,
                numchild=0,
                translation_key=case.translation_key,
                locale_id=context["locale_id"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=case.published_at,
                last_published_at=case.published_at,
                title=case.title,
                draft_title=case.title,
                slug=case.slug,
                content_type_id=context["content_type_id"],
                url_path=f"{index.url_path}{case.slug}/",
                show_in_menus=False,
                search_description="",
                seo_title="",
            )
        )
    Page.objects.bulk_create(pages)
    _insert_child_rows(
        [
            ProjectPage(
                page_ptr_id=page.pk,
                reference=case.reference,
                summary=case.summary,
                body=case.body,
                missing_parts=missing_parts(case),
                **case.fields,
            )
            for page, case in zip(pages, cases, strict=True)
        ]
    )
    ids = [page.pk for page in pages]
    _write_parts(cases, ids, context, result)
    store_region_names(ProjectPage.objects.filter(pk__in=ids))  # the listing's sort key, as a save would store it
    result.add("wagtailcore_page", len(pages))
    # The facet table the database search backends filter and count by: publishing fills it for real pages.
    SearchFacet.objects.bulk_create(facet_rows(ids, cases, context["facets"]), batch_size=5000)


def missing_parts(case: Case) -> str:
    """What the generated case study lacks, as publishing would store it (projets.completeness): bulk
    inserts skip the page's save, and generated case studies never cite sources."""
    present = {
        "partners": case.partners,
        "funding": case.funding,
        "sources": [],
        "themes": case.themes,
        "territories": case.territories,
    }
    return SEPARATOR.join(key for key in PARTS if not present[key])


def _write_parts(cases: list[Case], ids: list[int], context: dict, result: GenerationResult) -> None:
    partners, funding, lessons, outputs, contracts, parties = [], [], [], [], [], []
    themes, territories, tags = [], [], []
    theme_through, territory_through = ProjectPage.themes.through, ProjectPage.territories.through
    for page_id, case in zip(ids, cases, strict=True):
        partners += [
            ProjectPartner(page_id=page_id, organisation_id=org, role=role, contribution=contribution, sort_order=i)
            for i, (org, role, contribution) in enumerate(case.partners)
        ]
        funding += [FundingLine(page_id=page_id, sort_order=i, **line) for i, line in enumerate(case.funding)]
        lessons += [Lesson(page_id=page_id, sort_order=i, **lesson) for i, lesson in enumerate(case.lessons)]
        outputs += [ProjectOutput(page_id=page_id, sort_order=i, **out) for i, out in enumerate(case.outputs)]
        for i, (fields, party_ids) in enumerate(case.contracts):
            contracts.append(Contract(page_id=page_id, sort_order=i, **fields))
            parties.append(party_ids)
        themes += [theme_through(projectpage_id=page_id, theme_id=theme) for theme in case.themes]
        territories += [territory_through(projectpage_id=page_id, territory_id=t) for t in case.territories]
        tags.append(ProjectTag(content_object_id=page_id, tag_id=context["tag_id"]))
    for model, rows in (
        (ProjectPartner, partners),
        (FundingLine, funding),
        (Lesson, lessons),
        (ProjectOutput, outputs),
        (theme_through, themes),
        (territory_through, territories),
        (ProjectTag, tags),
    ):
        model.objects.bulk_create(rows, batch_size=2000)
        result.add(model._meta.db_table, len(rows))
    Contract.objects.bulk_create(contracts, batch_size=2000)
    party_through = Contract.parties.through
    party_rows = [
        party_through(contract_id=contract.pk, organisation_id=org)
        for contract, party_ids in zip(contracts, parties, strict=True)
        for org in party_ids
    ]
    party_through.objects.bulk_create(party_rows, batch_size=2000)
    result.add(Contract._meta.db_table, len(contracts))
    result.add(party_through._meta.db_table, len(party_rows))


def _next_step(index: ProjectIndexPage) -> int:
    last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def generate(count: int, seed: int, *, batch_size: int = 1000, progress: Progress | None = None) -> GenerationResult:
    """Create `count` synthetic case studies numbered 1..count for `seed`; deterministic."""
    started = time.perf_counter()
    if ProjectPage.objects.filter(reference__startswith=f"{REFERENCE_PREFIX}{seed}-").exists():
        raise SyntheticDataError(
            f"Des études de cas synthétiques existent déjà pour la graine {seed} : "
            "choisissez une autre graine ou supprimez-les (--purge)."
        )
    index = catalogue()
    pools = build_pools(count)
    context = {
        "locale_id": index.locale_id or Locale.get_default().pk,
        "content_type_id": ContentType.objects.get_for_model(ProjectPage).pk,
        "tag_id": pools.tag_id,
        "facets": FacetLookups(pools),
    }
    result = GenerationResult()
    done = 0
    while done < count:
        numbers = range(done + 1, min(done + batch_size, count) + 1)
        cases = [compose_case(seed, number, pools) for number in numbers]
        with transaction.atomic():
            index = ProjectIndexPage.objects.select_for_update().get(pk=index.pk)
            first_step = _next_step(index)
            _write_batch(cases, index, first_step, context, result)
            Page.objects.filter(pk=index.pk).update(numchild=first_step - 1 + len(cases))
        done += len(cases)
        result.created = done
        if progress:
            progress(done, count)
    catalogue_cache.clear()
    result.seconds = time.perf_counter() - started
    return result


def synthetic_pages():
    return ProjectPage.objects.filter(reference__startswith=REFERENCE_PREFIX)


def purge(seed: int | None = None) -> int:
    """Delete synthetic case studies (all, or one seed's); returns how many pages went."""
    prefix = REFERENCE_PREFIX if seed is None else f"{REFERENCE_PREFIX}{seed}-"
    ids = list(ProjectPage.objects.filter(reference__startswith=prefix).values_list("pk", flat=True))
    with transaction.atomic():
        for model in (ProjectPartner, FundingLine, Lesson, ProjectOutput, Contract, ProjectTag):
            key = "content_object_id" if model is ProjectTag else "page_id"
            for start in range(0, len(ids), 5000):
                model.objects.filter(**{f"{key}__in": ids[start : start + 5000]}).delete()
        for start in range(0, len(ids), 5000):
            Page.objects.filter(pk__in=ids[start : start + 5000]).delete()
        index = ProjectIndexPage.objects.first()
        if index is not None:
            Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    return len(ids)


__all__ = ["GenerationResult", "SyntheticDataError", "catalogue", "generate", "purge", "reference_for"]
