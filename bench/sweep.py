"""Sweep every public URL type (and the admin) of one database: p50/p95, SQL queries and bytes per URL.

`python -m bench sweep [--repeat 10] [--stream-repeat 2] [--only precedents] [--no-exports] [--out file.json]`,
with DATABASE_URL / SEARCH_URL / INDEX_PREFIX of the database to measure (settings `cms.settings.test`: page
cache and rate limits off). Requests go through Django's test client in this process, as bench.measure does.
The URLs are found in the database (a case study with a contract, an organisation of a public case study,
two public contracts to compare...), so the same command measures the demo, 10,000 or 100,000 case studies.

A streamed answer (exports, the precedents' CSV) is read to its last byte and timed whole, and the time to
its first chunk is given beside it. Its queries grow with the rows it writes, by design (chunks of 500).
"""

import argparse
import json
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from bench.stats import summary_ms
from cms.startup import freeze_startup_objects
from donnees.sitemaps import SECTION_SIZE
from precedents.selection import public_contracts
from projets.case_study_listing import CaseStudyListingViewSet
from projets.choices import IntellectualProperty, LessonCategory, TerritoryKind
from projets.models import FundingLine, Organisation, ProjectIndexPage, ProjectPage, Territory, Theme
from projets.restrictions import public_q

HOST = "localhost"
ADMIN_USERNAME = "bench-sweep"
CASE_STUDY_LISTING = "/admin/etudes-de-cas/"
SEARCH_WORDS = "recherche participative"
EXPORTS = (
    "projects_csv",
    "projects_json",
    "projects_xlsx",
    "partners_csv",
    "funding_csv",
    "contracts_csv",
    "organisations_csv",
)


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    streamed: bool = False
    admin: bool = False


def _case_study_url() -> str | None:
    """A live public case study with a contract (its page then shows every part), the first by key."""
    contract = public_contracts().order_by("pk").select_related("page").first()
    page = contract.page if contract else ProjectPage.objects.live().public().order_by("pk").first()
    return page.url if page else None


def _organisation_url() -> str | None:
    organisation = Organisation.objects.publicly_visible().order_by("pk").first()
    return organisation.get_absolute_url() if organisation else None


def _programme_url() -> str | None:
    """The programme of the first funding line of a public case study that names one."""
    line = (
        FundingLine.objects.filter(public_q("page"), funding_programme__isnull=False)
        .order_by("pk")
        .select_related("funding_programme")
        .first()
    )
    return line.funding_programme.get_absolute_url() if line else None


def _theme_param() -> str:
    """A filter on the first top-level theme, when there is one (an unknown theme would be a 400)."""
    theme = Theme.objects.filter(parent__isnull=True).order_by("pk").first()
    return f"&theme={theme.slug}" if theme else ""


def _last_sitemap_file() -> str | None:
    """The last file of the pages' section when there are several (its addresses are read furthest in)."""
    files = -(-Page.objects.live().public().count() // SECTION_SIZE)
    return f"{reverse('donnees:sitemap_section', args=['pages'])}?p={files}" if files > 1 else None


def _case_study_listing_targets() -> list[Target]:
    """The admin listing of case studies: its default order, its sorts, a region filter and page 100 (or the last)."""
    region = Territory.objects.filter(kind=TerritoryKind.REGION, code="32").first()
    far_page = min(100, -(-ProjectPage.objects.count() // CaseStudyListingViewSet.list_per_page))
    views = {
        "": "",
        "_by_reference": "?ordering=reference",
        "_by_completeness": "?ordering=-missing_parts",
        "_by_region": "?ordering=region_names",
        "_in_region": f"?region={region.pk}" if region else None,
        "_far_page": f"?p={far_page}" if far_page > 1 else None,
    }
    return [
        Target(f"admin_case_studies{suffix}", f"{CASE_STUDY_LISTING}{query}", admin=True)
        for suffix, query in views.items()
        if query is not None
    ]


def targets(include_exports: bool = True) -> list[Target]:
    """Every URL type measured, found in the database (a type with nothing to show is left out)."""
    catalogue = ProjectIndexPage.objects.live().first()
    contract_ids = list(public_contracts().order_by("pk").values_list("pk", flat=True)[:2])
    compare_url = None
    if len(contract_ids) == 2:
        compare_url = f"{reverse('precedents:compare')}?ids={contract_ids[0]},{contract_ids[1]}"
    organisations, programmes = reverse("organisation_list"), reverse("programme_list")
    found = [
        Target("home", "/"),
        Target("catalogue", catalogue.url if catalogue else None),
        Target("catalogue_page_50", f"{catalogue.url}?page=50" if catalogue else None),
        Target("case_study", _case_study_url()),
        Target("search_page", f"{reverse('search')}?q={SEARCH_WORDS.replace(' ', '+')}"),
        Target("search_page_empty", reverse("search")),
        Target("search_api", f"/api/recherche?q={SEARCH_WORDS.replace(' ', '+')}"),
        Target("search_api_facets", "/api/recherche?q=jardins&region=32&page_size=20"),
        Target("autocomplete_api", "/api/autocomplete?q=jard"),
        Target("explorer", reverse("explorer")),
        Target("precedents", reverse("precedents:list")),
        Target("precedents_filtered", f"{reverse('precedents:list')}?ip={IntellectualProperty.CO_OWNERSHIP}"),
        Target("precedents_page_20", f"{reverse('precedents:list')}?page=20"),
        Target("precedents_api", "/api/precedents"),
        Target("precedents_api_filtered", f"/api/precedents?ip={IntellectualProperty.CO_OWNERSHIP}&region=32"),
        Target("precedents_compare", compare_url),
        Target("precedents_guide", reverse("precedents:guide")),
        Target("precedents_guide_answered", f"{reverse('precedents:guide')}?financement=anr&resultats=partages"),
        Target("lessons", reverse("precedents:lessons")),
        Target("lessons_category", f"{reverse('precedents:lessons')}?categorie={LessonCategory.values[0]}"),
        Target("partner_finder", reverse("precedents:partners")),
        Target("organisation", _organisation_url()),
        Target("organisations", organisations),
        Target("organisations_filtered", f"{organisations}?type=association&region=32{_theme_param()}"),
        Target("organisations_search", f"{organisations}?q=universite"),
        Target("organisations_page_20", f"{organisations}?page=20"),
        Target("programmes", programmes),
        Target("programmes_filtered", f"{programmes}?region=32&de=2010&a=2020{_theme_param()}"),
        Target("programme", _programme_url()),
        Target("data_dictionary", reverse("donnees:dictionary")),
        Target("feed", reverse("donnees:projects_feed")),
        Target("feed_filtered", f"{reverse('donnees:projects_feed')}?region=32"),
        Target("sitemap_index", reverse("donnees:sitemap")),
        Target("sitemap_pages_1", reverse("donnees:sitemap_section", args=["pages"])),
        Target("sitemap_pages_last", _last_sitemap_file()),
        Target("sitemap_organisations", reverse("donnees:sitemap_section", args=["organisations"])),
        Target("sitemap_programmes", reverse("donnees:sitemap_section", args=["programmes"])),
        Target("sitemap_views", reverse("donnees:sitemap_section", args=["vues"])),
        Target("robots", reverse("donnees:robots_txt")),
        Target("content_api", "/api/v2/projets/"),
        Target("admin", "/admin/", admin=True),
        Target("admin_catalogue", f"/admin/pages/{catalogue.pk}/" if catalogue else None, admin=True),
        *_case_study_listing_targets(),
        Target("precedents_csv", reverse("precedents:csv"), streamed=True),
    ]
    if include_exports:
        for name in EXPORTS:
            found.append(Target(f"export_{name}", reverse(f"donnees:{name}"), streamed=True))
    return [target for target in found if target.url]


def admin_client() -> Client:
    """A client signed in as the sweep's superuser (created once in the measured database if missing)."""
    user, created = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_superuser": True, "is_staff": True, "email": "bench@invalid"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    client = Client()
    client.force_login(user)
    return client


def fetch(client: Client, url: str) -> tuple[int, int, float | None]:
    """(status, bytes, seconds to the first chunk of a streamed answer): the answer read to its end."""
    started = time.perf_counter()
    response = client.get(url, HTTP_HOST=HOST)
    if not response.streaming:
        return response.status_code, len(response.content), None
    first, size = None, 0
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
        size += len(chunk)
    # No response.close(): the test client closes a streamed answer once read, and a second close would
    # run close_old_connections (the connection would be dropped, then opened again by the next request).
    return response.status_code, size, first


def measure(client: Client, target: Target, repeat: int) -> dict:
    fetch(client, target.url)  # warm
    # Counted on a request of its own: the debug cursor that captures queries writes each one out (~1 ms).
    with CaptureQueriesContext(connection) as captured:
        status, size, _first = fetch(client, target.url)
    queries = len(captured.captured_queries)
    sql_ms = round(sum(float(query["time"]) for query in captured.captured_queries) * 1000, 1)
    times, cpu, firsts = [], [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        _status, _size, first = fetch(client, target.url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        if first is not None:
            firsts.append(first)
    timing = summary_ms(times)
    return {
        "name": target.name,
        "url": target.url,
        "status": status,
        "n": timing["n"],
        "p50": timing["p50"],
        "p95": timing["p95"],
        # CPU time of this process: what the request costs Python, whatever the load of a shared machine.
        "cpu_p50": summary_ms(cpu)["p50"],
        "first_chunk_p50": summary_ms(firsts)["p50"] if firsts else None,
        "sql_queries": queries,
        "sql_ms": sql_ms,
        "bytes": size,
    }


def sweep(repeat: int = 10, stream_repeat: int = 2, only: str = "", include_exports: bool = True, progress=None):
    """Measure every target; `progress(row)` is called after each one."""
    anonymous, admin = Client(), None
    rows = []
    for target in targets(include_exports):
        if only and only not in target.name and only not in target.url:
            continue
        if target.admin and admin is None:
            admin = admin_client()
        client = admin if target.admin else anonymous
        row = measure(client, target, stream_repeat if target.streamed else repeat)
        rows.append(row)
        if progress:
            progress(row)
    return rows


HEADER = (
    f"{'url type':<26} {'status':>6} {'p50 ms':>9} {'p95 ms':>9} {'cpu p50':>8} {'SQL':>5} {'SQL ms':>8}"
    f" {'bytes':>11}  url"
)


def format_row(row: dict) -> str:
    p50 = f"{row['p50']:.1f}" if row["p50"] is not None else "—"
    p95 = f"{row['p95']:.1f}" if row["p95"] is not None else "—"
    url = row["url"] if len(row["url"]) <= 60 else row["url"][:57] + "..."
    if row["first_chunk_p50"] is not None:
        url += f"  (first chunk {row['first_chunk_p50']:.1f} ms)"
    return (
        f"{row['name']:<26} {row['status']:>6} {p50:>9} {p95:>9} {row['cpu_p50']:>8.1f} {row['sql_queries']:>5}"
        f" {row['sql_ms']:>8.1f}"
        f" {row['bytes']:>11,}  {url}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="Timed requests per URL (after one to warm up).")
    parser.add_argument("--stream-repeat", type=int, default=2, help="Timed requests per streamed export.")
    parser.add_argument("--only", default="", help="Only the URL types whose name or address holds this text.")
    parser.add_argument("--no-exports", action="store_true", help="Leave out the open-data exports (/donnees/*).")
    parser.add_argument("--out", help="Also write the rows as JSON to this file.")
    args = parser.parse_args(argv)
    freeze_startup_objects()  # as cms/wsgi.py does in each web worker
    live = ProjectPage.objects.live().count()
    print(f"{live:,} live case studies, database {connection.settings_dict['NAME']}", flush=True)
    print(HEADER, flush=True)
    rows = sweep(
        args.repeat,
        args.stream_repeat,
        args.only,
        not args.no_exports,
        progress=lambda row: print(format_row(row), flush=True),
    )
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump({"case_studies": live, "rows": rows}, handle, indent=2, ensure_ascii=False)
