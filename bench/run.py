"""`python -m bench`: generate (or reuse) N synthetic case studies, index, measure, print and save.

For each size in --sizes and each backend (PostgreSQL database search, OpenSearch): a database
<prefix>_<N> (BENCH_PREFIX, default coop_bench; reused when it already holds N synthetic case studies),
an index prefix <prefix>_<N>_, the index build time, in-process latencies (bench.measure), and throughput
with gunicorn (2 workers) under wrk, without then with the page cache. Anything unavailable is reported
as such, never skipped silently.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import throughput
from bench.report import print_table
from bench.settle import settle

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://coop:coop@127.0.0.1:55432")
OPENSEARCH = os.environ.get("BENCH_OPENSEARCH", "opensearch://127.0.0.1:9200")
BACKENDS = {"postgresql": "", "opensearch": OPENSEARCH}
PYTHON = str(ROOT / ".venv/bin/python")
PREFIX = os.environ.get("BENCH_PREFIX", "coop_bench")
RESULTS = ROOT / "bench" / "results"


def database(size: int) -> str:
    return f"{PREFIX}_{size}"


def environment(size: int, search_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"{PG}/{database(size)}",
        "SEARCH_URL": search_url,
        "INDEX_PREFIX": f"{database(size)}_",
        "PAGE_CACHE_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict, *args: str, echo: bool = True) -> tuple[float, str]:
    started = time.perf_counter()
    process = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if echo:
        sys.stdout.write(process.stdout[-1500:])
    if process.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{process.stderr[-3000:]}")
    return seconds, process.stdout


def synthetic_count(env: dict) -> int:
    code = "from projets.models import ProjectPage as P; print(P.objects.filter(reference__startswith='SYN-').count())"
    try:
        _seconds, out = manage(env, "shell", "-c", code, echo=False)
        return int(out.strip().splitlines()[-1])
    except (RuntimeError, ValueError, IndexError):
        return -1


def prepare_database(size: int, seed: int) -> dict:
    env = environment(size, "")
    if synthetic_count(env) == size:
        return {"reused": True}
    subprocess.run(
        [
            "psql",
            f"{PG}/postgres",
            "-q",
            "-c",
            f"DROP DATABASE IF EXISTS {database(size)}",
            "-c",
            f"CREATE DATABASE {database(size)}",
        ],
        check=True,
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", echo=False)
    seconds, out = manage(env, "generate_projects", "--count", str(size), "--seed", str(seed), "--no-index")
    return {"reused": False, "generate_seconds": round(seconds, 1), "summary": out.strip().splitlines()[-1]}


def index_record(env: dict) -> Path:
    return RESULTS / f"index-{env['INDEX_PREFIX']}{'opensearch' if env['SEARCH_URL'] else 'postgresql'}.json"


def last_index_build(env: dict) -> dict:
    """With --skip-index: the build time this machine measured last for the same database and backend."""
    path = index_record(env)
    if not path.exists():
        return {"skipped": "index reused, build not timed"}
    return {**json.loads(path.read_text(encoding="utf-8")), "reused": True}


def build_index(env: dict) -> dict:
    """Rebuild the index with reindex_projects; the figures are also kept in bench/results/index-*.json."""
    load_before = os.getloadavg()
    # Engines: two processes build documents (the Python side is the bottleneck); PostgreSQL: one transaction.
    workers = ["--workers", "2"] if env["SEARCH_URL"] else []
    seconds, out = manage(env, "reindex_projects", *workers, echo=False)
    chunk_ms = [int(m) for m in re.findall(r"projets\.ProjectPage\s+\+\s*\d+\s+(\d+) ms", out)]
    cpu_ms = [int(m) for m in re.findall(r"projets\.ProjectPage\s+\+.*?cpu\s+(\d+) ms", out)]
    record = {
        "seconds": round(seconds, 1),
        "summary": out.strip().splitlines()[-1],
        "chunk_ms_first": chunk_ms[:3],
        "chunk_ms_last": chunk_ms[-3:],
        "chunk_cpu_ms_first": cpu_ms[:3],
        "chunk_cpu_ms_last": cpu_ms[-3:],
        "chunk_ms_all": chunk_ms,
        "load_average": [round(value, 2) for value in (*load_before, *os.getloadavg())],
    }
    RESULTS.mkdir(exist_ok=True)
    index_record(env).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return record


def measure(env: dict, api_url: str, repeat: int, page_repeat: int, pages_only: bool = False) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [PYTHON, "-m", "bench.measure", "--out", out.name, "--api-url", api_url, "--repeat", str(repeat)]
            + ["--page-repeat", str(page_repeat)]
            + (["--no-search"] if pages_only else []),
            cwd=ROOT,
            env=env,
            check=True,
        )
        return json.loads(Path(out.name).read_text(encoding="utf-8"))


def safe_throughput(env: dict, paths: dict, duration: int) -> dict:
    try:
        return throughput(env, paths, duration)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        return {"runs": {}, "worker_rss_mb": [], "error": str(error)}


def save(path: Path, results: dict) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Coopérathèque at scale.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", choices=list(BACKENDS), default=list(BACKENDS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--api-url", default="/api/recherche")
    parser.add_argument("--skip-index", action="store_true", help="Measure the index already built (reported).")
    parser.add_argument(
        "--pages-only", action="store_true", help="No index: pages and page cache only (search not measured)."
    )
    parser.add_argument("--index-only", action="store_true", help="Only (re)build the indexes and record the times.")
    parser.add_argument("--quick", action="store_true", help="Short runs (5 s of load, 1 pass of queries).")
    parser.add_argument("--duration", type=int, default=None, help="Seconds of load per URL (30, or 5 with --quick).")
    args = parser.parse_args()
    duration = args.duration or (5 if args.quick else 30)
    repeat = 1 if args.quick else 5  # rounds of the 30 queries: 150 samples a variant for the p95
    results = {"started": datetime.datetime.now(datetime.UTC).isoformat(), "runs": []}
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{datetime.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    for size in args.sizes:
        print(f"== N = {size}: database {database(size)}", flush=True)
        data = prepare_database(size, args.seed)
        for backend in args.backends:
            print(f"== N = {size}, {backend}: index, measure, load", flush=True)
            env = environment(size, BACKENDS[backend])
            if args.pages_only:
                index = {"skipped": "not built (--pages-only)"}
            else:
                index = last_index_build(env) if args.skip_index else build_index(env)
            if args.index_only:
                print(json.dumps({key: value for key, value in index.items() if key != "chunk_ms_all"}), flush=True)
                continue
            run = {"size": size, "backend": backend, "data": data, "index": index}
            run["load_average_before"] = [round(value, 2) for value in os.getloadavg()]
            results["runs"].append(run)
            run["settled"] = {"measure": settle()}
            run["measure"] = measure(env, args.api_url, repeat, 10 if args.quick else 30, args.pages_only)
            save(path, results)  # kept even if the load part fails
            pages = run["measure"]["pages"]
            # Slowest last: a slow URL leaves queued requests that delay the next one (on PostgreSQL, 16
            # connections of seconds-long searches left the case study and catalogue without an answer).
            paths = {"home": "/"}
            if "case_study_2_partners" in pages:
                paths["case_study"] = pages["case_study_2_partners"]["url"]
            paths["catalogue"] = pages["catalogue"]["url"]
            if not args.pages_only:
                paths["search_api"] = f"{args.api_url}?q=recherche"
            run["settled"]["load"] = settle()
            run["load"] = safe_throughput(env, paths, duration)
            with tempfile.TemporaryDirectory(prefix="bench-pagecache-") as folder:
                cached = {**env, "PAGE_CACHE_SECONDS": "300", "PAGE_CACHE_DIR": folder}
                run["settled"]["load_cached"] = settle()
                run["load_cached"] = safe_throughput(cached, paths, duration)
            run["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
            save(path, results)
    if args.index_only:
        return
    print_table(results)
    print(f"\nJSON: {path}")


if __name__ == "__main__":
    main()
