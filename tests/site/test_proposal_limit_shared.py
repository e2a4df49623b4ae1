"""Two server processes share the proposal form's limit: 10 proposals per client and hour, whichever worker."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from projets.proposals import RATE_LIMIT
from tests.security.test_shared_limits import fresh_client, running_servers
from tests.wagtail_roots import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue_open(transactional_db):
    ensure_wagtail_roots()


@pytest.fixture
def two_servers(catalogue_open, project_index):
    with running_servers("tests.site.proposal_worker_settings") as ports:
        yield ports


def post_proposal(port: int, client: str) -> int:
    """GET the form (CSRF cookie and token), then POST an empty title: 400, unless limited (429)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    headers = {"X-Forwarded-For": f"192.0.2.99, {client}"}
    url = f"http://127.0.0.1:{port}/proposer/"
    with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "title": ""}).encode()
    request = urllib.request.Request(url, data=data, headers={**headers, "Referer": url})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_workers_count_one_proposal_limit(two_servers):
    first, second = two_servers
    client = fresh_client()
    answers = [post_proposal(port, client) for _ in range(RATE_LIMIT // 2 + 1) for port in (first, second)]
    assert answers == [400] * RATE_LIMIT + [429] * 2
    assert post_proposal(second, fresh_client()) == 400  # another client behind the same proxy
