"""Stream the open data exports and print rows, time and memory, sampled as they go.

    DATABASE_URL=… .venv/bin/python scripts/measure_exports.py [/donnees/projets.csv …]

Run it on a database holding many case studies (manage.py generate_projects --count 10000): the
resident memory sampled every 2,000 lines must stay flat while the rows stream out.
"""

import os
import resource
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.test import Client  # noqa: E402

DEFAULT_URLS = ["/donnees/projets.csv", "/donnees/partenaires.csv", "/donnees/projets.json", "/donnees/projets.xlsx"]


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(client: Client, url: str) -> None:
    start, before = time.perf_counter(), rss_mib()
    response = client.get(url, SERVER_NAME="localhost")
    samples, lines, size = [], 0, 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        new_lines = chunk.count(b"\n")
        if (lines + new_lines) // 2000 > lines // 2000:
            samples.append(round(rss_mib()))
        lines += new_lines
    seconds = time.perf_counter() - start
    print(
        f"{url}: {response.status_code}, {lines} lignes, {size / 2**20:.1f} Mio en {seconds:.1f} s "
        f"({lines / seconds:,.0f} lignes/s) ; mémoire résidente {before:.0f} → {rss_mib():.0f} Mio, "
        f"pic du processus {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} Mio ; "
        f"échantillons toutes les 2 000 lignes : {samples}"
    )


if __name__ == "__main__":
    client = Client()
    for url in sys.argv[1:] or DEFAULT_URLS:
        measure(client, url)
