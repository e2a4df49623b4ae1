"""`python -m bench.profile URL [URL...]`: where a page's time goes (pyinstrument, Django test client).

Run it in the environment of one benchmark database, e.g.
    DATABASE_URL=postgres://coop:coop@127.0.0.1:55432/coop_bench_100000 SEARCH_URL= \\
        .venv/bin/python -m bench.profile /projets/ "/api/recherche?q=tiers-lieux"
Each URL is requested once to warm up, then --repeat times under the profiler; the text report is printed
(--all-frames: with the library frames pyinstrument folds by default) and, with --out, written as HTML too.
"""

import argparse
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="Folder for one HTML report per URL.")
    parser.add_argument("--all-frames", action="store_true", help="Do not fold library frames (Django, Wagtail).")
    args = parser.parse_args()
    client = Client()
    for number, url in enumerate(args.urls):
        client.get(url, HTTP_HOST="localhost")
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.repeat):
                status = client.get(url, HTTP_HOST="localhost").status_code
        print(f"== {url} (HTTP {status}, {args.repeat} requests)")
        print(profiler.output_text(unicode=True, color=False, short_mode=not args.all_frames))
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, f"profile-{number}.html"), "w", encoding="utf-8") as handle:
                handle.write(profiler.output_html())


if __name__ == "__main__":
    main()
