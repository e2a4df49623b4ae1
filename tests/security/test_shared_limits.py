"""Two server processes count against one limit: the counters live in the cache the workers share."""

import contextlib
import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django_ratelimit.core import _get_window

REPO = Path(__file__).resolve().parents[2]
URL = "/api/limite-partagee/"  # tests/security/urls.py: 5 requests per hour and client
LIMIT, PERIOD = 5, 3600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, which the server processes open too."""
    config = connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST']}:{config['PORT']}/{config['NAME']}"


def start_server(port: int, settings_module: str = "tests.security.worker_settings") -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--nothreading",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_listening(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server on port {port} stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"server on port {port} did not start")


def status(port: int, client: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - a local http URL
        f"http://127.0.0.1:{port}{URL}", headers={"X-Forwarded-For": f"192.0.2.99, {client}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fresh_client() -> str:
    """A client address never seen before, whose counting window does not end during the test."""
    while True:
        address = f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}"  # noqa: S311
        if _get_window(address, PERIOD) - time.time() > 300:
            return address


@contextlib.contextmanager
def running_servers(settings_module: str = "tests.security.worker_settings"):
    """Two server processes on the test database; their ports."""
    ports = [free_port(), free_port()]
    processes = [start_server(port, settings_module) for port in ports]
    try:
        for process, port in zip(processes, ports, strict=True):
            wait_until_listening(process, port)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture
def two_servers(django_db_setup):
    with running_servers() as ports:
        yield ports


def test_two_worker_processes_share_one_limit(two_servers):
    first, second = two_servers
    client = fresh_client()
    answers = [(port, status(port, client)) for _ in range(4) for port in (first, second)]
    assert [code for _port, code in answers] == [200] * LIMIT + [429] * (8 - LIMIT)
    # Each process refused the client although it had served it fewer than LIMIT times itself.
    assert {port for port, code in answers if code == 429} == {first, second}
    # Another client behind the same proxy has its own count.
    assert status(second, fresh_client()) == 200
