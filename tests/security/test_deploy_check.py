"""`manage.py check --deploy` with the production settings and a production-like environment."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def production_environment(**overrides) -> dict:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "cooperatheque.example.org",
        "SITE_URL": "https://cooperatheque.example.org",
        "DATABASE_URL": "postgres://coop:secret@db.example.org:5432/coop",
        "SEARCH_URL": "",
    }
    environment.pop("DEBUG", None)
    # The browser tests set it for Playwright's event loop; a deployment never has it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.update(overrides)
    return environment


def run_manage(*args, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_gives_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", environment=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_production_refuses_a_short_secret():
    result = run_manage("check", environment=production_environment(SECRET_KEY="x" * 20))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: SECRET_KEY: ")


def test_production_requires_its_secret_from_the_environment():
    environment = production_environment()
    del environment["SECRET_KEY"]
    result = run_manage("check", environment=environment)
    assert result.returncode == 2
    assert result.stderr.strip() == "Configuration error: SECRET_KEY: required but not set"


def test_production_requires_the_public_address():
    environment = production_environment()
    del environment["SITE_URL"]
    result = run_manage("check", environment=environment)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: SITE_URL: required in production, the public ")
    assert "scheme://host[:port]" in result.stderr


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("cooperatheque.example.org", "is not an address like"),
        ("https://cooperatheque.example.org/site/", "without a path"),
        ("https://cooperatheque.example.org:8443", "must use port 443"),
        ("http://cooperatheque.example.org:port", "invalid port"),
    ],
)
def test_production_refuses_a_malformed_public_address(value, says):
    result = run_manage("check", environment=production_environment(SITE_URL=value))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Configuration error: SITE_URL: ")
    assert says in result.stderr


def test_the_admin_base_url_defaults_to_the_public_address():
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL)"
    environment = production_environment(SITE_URL="https://Cooperatheque.example.org/")
    environment.pop("WAGTAILADMIN_BASE_URL", None)
    result = run_manage("shell", "-c", code, environment=environment)
    assert result.stdout.splitlines()[-1].split() == ["https://cooperatheque.example.org"] * 2, result.stderr


def test_no_secret_is_written_in_the_settings():
    """Only dev.py and test.py hold a (marked, refused in production) fallback key."""
    for path in (REPO / "cms" / "settings").glob("*.py"):
        text = path.read_text()
        if "SECRET_KEY" in text and path.name not in ("dev.py", "test.py", "production.py", "base.py"):
            raise AssertionError(f"{path.name} mentions SECRET_KEY")
    base = (REPO / "cms" / "settings" / "base.py").read_text()
    assert 'SECRET_KEY = env_required("SECRET_KEY")' in base


def fallback_key(settings_file: str) -> str:
    """The development or test fallback key, read from its settings file."""
    import re

    text = (REPO / "cms" / "settings" / settings_file).read_text()
    return re.search(r'default_env\("SECRET_KEY", "([^"]+)"\)', text).group(1)


@pytest.mark.parametrize("settings_file", ["dev.py", "test.py"])
def test_production_refuses_the_development_and_test_secrets(settings_file):
    key = fallback_key(settings_file)
    for candidate in (key, key + "-" + "a" * 40):  # even lengthened past 40 characters
        result = run_manage("check", environment=production_environment(SECRET_KEY=candidate))
        assert result.returncode == 2, candidate
        assert result.stderr.strip().startswith("Configuration error: SECRET_KEY: refusing a development")


def test_debug_stays_off_in_production_whatever_the_environment():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", environment=production_environment(DEBUG="true"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W018" not in result.stdout + result.stderr
