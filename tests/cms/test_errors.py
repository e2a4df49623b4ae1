"""An unhandled error: logged with the request's id, the same id on the 500 page; Sentry only when configured."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def console():
    """What the configured console handler (the settings' LOGGING) writes, captured."""
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.urls("tests.cms.error_urls")
def test_an_unhandled_error_is_logged_with_the_request_id_shown_on_the_500_page(db, console):
    response = Client(raise_request_exception=False).get("/panne/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert f"<code>{request_id}</code>" in response.content.decode()
    logged = console.getvalue()
    assert f"ERROR [{request_id}] django.request: Internal Server Error: /panne/" in logged
    assert "RuntimeError: panne simulée" in logged


def test_a_client_cannot_choose_the_request_id(client, db):
    response = client.get("/favicon.ico", HTTP_X_REQUEST_ID="forged")
    assert response["X-Request-ID"] != "forged"


def sentry_options(dsn: str) -> str:
    code = (
        "import django, sentry_sdk; django.setup(); client = sentry_sdk.get_client(); "
        "collected = client.options['data_collection']; "
        "print(client.is_active(), collected['user_info'], collected['cookies']['mode'], "
        "collected['stack_frame_variables'], client.options['before_send'] is not None)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "SENTRY_DSN": dsn, "DATABASE_URL": ""}
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout.strip()


def test_sentry_is_configured_only_with_a_dsn_and_sends_no_visitor_data():
    assert sentry_options("").startswith("False True denylist")  # not configured: the library's defaults
    assert sentry_options("https://cle@sentry.invalid/42") == "True False off False True"
