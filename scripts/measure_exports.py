"""Stream the open data exports and print rows, SQL queries, time and memory, sampled as they go.

    DATABASE_URL=… .venv/bin/python scripts/measure_exports.py [/donnees/projets.csv …]

Run it on a database holding many case studies (manage.py generate_projects --count 10000): the
resident memory, sampled every second while the export is built and sent, must stay flat.
"""

import os
import resource
import sys
import threading
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

DEFAULT_URLS = ["/donnees/projets.csv", "/donnees/partenaires.csv", "/donnees/projets.json", "/donnees/projets.xlsx"]


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Sampler(threading.Thread):
    """Resident memory every second, in a thread: an XLSX workbook is built before its first byte."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[int] = []
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(1.0):
            self.samples.append(round(rss_mib()))


def measure(client: Client, url: str) -> None:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    start, before = time.perf_counter(), rss_mib()
    sampler = Sampler()
    sampler.start()
    with connection.execute_wrapper(count):
        response = client.get(url, SERVER_NAME="localhost")
        lines, size = 0, 0
        chunks = response.streaming_content if response.streaming else [response.content]
        for chunk in chunks:
            size += len(chunk)
            lines += chunk.count(b"\n")
    sampler.done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    samples = sampler.samples
    shown = samples if len(samples) <= 24 else samples[:: len(samples) // 20 + 1] + samples[-1:]
    print(
        f"{url}: {response.status_code}, {size / 2**20:.1f} Mio ({lines} lignes) en {seconds:.1f} s "
        f"(processeur {cpu.ru_utime + cpu.ru_stime:.1f} s cumulés) ; {len(queries)} requêtes SQL ; "
        f"mémoire résidente {before:.0f} → {rss_mib():.0f} Mio, pic du processus {cpu.ru_maxrss / 1024:.0f} Mio ; "
        f"échantillons (chaque seconde, un sur {len(samples) // 20 + 1} montré) : {shown}"
    )


if __name__ == "__main__":
    client = Client()
    for url in sys.argv[1:] or DEFAULT_URLS:
        measure(client, url)
