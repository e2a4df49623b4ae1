"""Print the benchmark results as plain-text tables."""


def _fmt(value) -> str:
    return "—" if value is None else f"{value}"


def _latency(entry: dict) -> str:
    if not entry:
        return "—"
    return f"{_fmt(entry.get('p50'))} / {_fmt(entry.get('p95'))} / {_fmt(entry.get('p99'))}"


def print_table(results: dict) -> None:
    for run in results["runs"]:
        head = f"N = {run['size']:,}  backend = {run['backend']}"
        print("\n" + head + "\n" + "=" * len(head))
        data = run["data"]
        print(f"generation: {'reused' if data.get('reused') else str(data.get('generate_seconds')) + ' s'}")
        index = run["index"]
        if "skipped" in index:
            index = {"seconds": index["skipped"], "chunk_ms_first": "—", "chunk_ms_last": "—"}
        chunks = f"chunk ms first {index['chunk_ms_first']}, last {index['chunk_ms_last']}"
        print(f"index build: {index['seconds']} s  ({chunks}; load average {index.get('load_average', '—')})")
        measure = run["measure"]
        api, raw = measure["search_api"], measure["raw_engine"]
        print(
            "search (ms, p50 / p95 / p99)           API                      raw engine        ratio p50"
            "  API − raw (paired p50)"
        )
        for variant in ("plain", "filters", "facets"):
            api_entry = api.get(variant) if api.get("available") else None
            api_text = _latency(api_entry) if api_entry else api.get("note", "not available")
            ratio = "—"
            if api_entry and raw.get(variant, {}).get("p50"):
                ratio = f"{api_entry['p50'] / raw[variant]['p50']:.1f}×"
            overhead = _fmt((api_entry or {}).get("overhead_p50"))
            print(f"  {variant:<10} {api_text:<38} {_latency(raw.get(variant)):<22} {ratio:<10} {overhead}")
        print("pages (ms, p50 / p95 / p99; SQL queries)")
        for name, page in measure["pages"].items():
            print(
                f"  {name:<26} {_latency(page):<24} queries {page['sql_queries']}  HTTP {page['status']}"
                f"  cpu p50 {_fmt(page.get('cpu_p50'))} ms"
                f"  sql {_fmt(page.get('sql_ms_counted', page.get('sql_ms_last')))} ms"
            )
        for key, label in (("load", "page cache off"), ("load_cached", "page cache on")):
            if key in run:
                _print_load(run[key], label)
        print(f"load average before / after: {run.get('load_average_before')} / {run.get('load_average_after')}")
        for step, settled in run.get("settled", {}).items():  # bench.settle, before each measuring step
            print(
                f"  before {step}: waited {settled['waited_s']} s, load {settled['load_average']}, "
                f"{'quiet' if settled['quiet'] else 'NOT quiet'}"
            )


def _print_load(load: dict, label: str) -> None:
    print(f"throughput (gunicorn 2 workers, wrk 16 connections, {label})")
    if load.get("error"):
        print(f"  not measured: {load['error']}")
    for name, entry in load["runs"].items():
        if entry.get("available"):
            print(
                f"  {name:<12} {entry['requests_per_s']:>8} req/s  p50 {_fmt(entry.get('latency_p50_ms'))} ms  "
                f"p99 {_fmt(entry.get('latency_p99_ms'))} ms  non-2xx {entry['non_2xx']}  "
                f"req per worker-CPU-s {_fmt(entry.get('requests_per_worker_cpu_s'))}"
            )
        else:
            print(f"  {name:<12} {entry['note']}")
    print(f"  worker RSS after load (MB): {load['worker_rss_mb']}")
