"""The security-sensitive runtime dependencies are pinned at the newest patch release of their series.

Django, Wagtail, Pillow, lxml and openpyxl parse what visitors and editors send; their patch releases carry the
security fixes. The package index is asked with `pip index versions` (pip-audit's advisory database cannot be
reached from the development machines: `make audit` runs it where it can). An offline machine may skip this
check with COOP_SKIP_PATCH_CHECK=1; CI must not.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WATCHED = ("Django", "wagtail", "pillow", "lxml", "openpyxl")
RELEASE = re.compile(r"^\d+(\.\d+)*$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_versions(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        if "==" in requirement:
            name, version = requirement.split("==", 1)
            pins[normalise(name.split("[", 1)[0])] = version.strip()
    return pins


def series(version: str) -> tuple[int, ...]:
    """The release series a version belongs to: 5.2.19 -> (5, 2); a two-part version 5.2 is its first patch."""
    return tuple(int(part) for part in version.split(".")[:2])


def as_tuple(version: str) -> tuple[int, ...]:
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def newest_in_series(available: list[str], pinned: str) -> str:
    """The newest final release of the pinned version's series (pre-releases are not offered by the index)."""
    same = [version for version in available if RELEASE.match(version) and series(version) == series(pinned)]
    return max([pinned, *same], key=as_tuple)


def index_versions(name: str) -> list[str]:
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    match = re.search(r"^Available versions: (.+)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        pytest.fail(
            f"Could not ask the package index for the releases of {name} (`pip index versions {name}`):\n"
            f"{result.stderr.strip() or result.stdout.strip()}\n"
            "On a machine without access to the index, set COOP_SKIP_PATCH_CHECK=1.",
            pytrace=False,
        )
    return [version.strip() for version in match.group(1).split(",")]


def test_newest_in_series_keeps_to_the_series():
    available = ["6.0.1", "5.2.20", "5.2.19", "5.2", "5.1.15", "6.1a1"]
    assert newest_in_series(available, "5.2.19") == "5.2.20"
    assert newest_in_series(available, "5.2.20") == "5.2.20"
    assert newest_in_series(available, "5.1.15") == "5.1.15"
    assert newest_in_series(["8.0.1", "8.0"], "8.0") == "8.0.1"


def test_every_watched_package_is_in_the_runtime_lock():
    pins = pinned_versions(REPO / "requirements.lock")
    missing = [name for name in WATCHED if normalise(name) not in pins]
    assert not missing, f"requirements.lock does not pin {', '.join(missing)}"


@pytest.mark.skipif(os.environ.get("COOP_SKIP_PATCH_CHECK") == "1", reason="COOP_SKIP_PATCH_CHECK=1")
@pytest.mark.parametrize("name", WATCHED)
def test_pinned_at_the_newest_patch_release(name):
    pinned = pinned_versions(REPO / "requirements.lock")[normalise(name)]
    newest = newest_in_series(index_versions(name), pinned)
    if as_tuple(newest) > as_tuple(pinned):
        pytest.fail(
            f"{name} {pinned} is behind {newest}, the newest patch release of its {'.'.join(pinned.split('.')[:2])} "
            f"series (patch releases carry the security fixes). Pin {name}=={newest} in requirements.in, then run "
            "`make lock` (or edit requirements.lock) and the tests.",
            pytrace=False,
        )
