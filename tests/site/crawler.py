"""A crawler for the test suite: an anonymous visitor follows every internal link, then tries hostile values.

It starts at the home page, the sitemap index, robots.txt and the OpenAPI schema, follows links found in
HTML (a, link, form actions), XML (sitemap <loc>, Atom links) and JSON (url fields), and on every page that
takes parameters (its forms' fields, its links' query strings, the schema's parameters) sends hostile
values of each one. Every answer is kept (status, type, body) for the tests to judge.
"""

import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

MAX_URLS = 400
START = (
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/api/openapi.json",
    *(f"/api/v2/{name}/" for name in ("pages", "projets", "organisations", "themes", "territoires")),
)
# Not crawled: the admin, static files and media (served by the web server), the language switch (POST).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/langue/", "/documents/")
PAGE_VALUES = ("0", "-1", "7", "999999", "abc", "2.5", "1" * 30, "", " 2 ", "\x00")
PAST_THE_LAST = ("7", "999999")  # also asked with HEAD: a page past the last answers HEAD as GET
TEXT_VALUES = (
    "zzz-inconnu",
    "-1",
    "9" * 30,
    "é" * 1500,
    'l\'« éducation » <b>&amp; "populaire" %; -- OR 1=1 /* ',
    "a\x00b",
    "\U0001f600 ​\ufeff",
)
URL_PATTERN = re.compile(r"https?://[^\s\"'<>\\]+")
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)


@dataclass
class Answer:
    method: str
    url: str
    status: int
    content_type: str
    body: str
    allow: str = ""

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass
class Crawl:
    answers: list[Answer] = field(default_factory=list)
    parameters: dict[str, set[str]] = field(default_factory=dict)  # kind of page -> parameter names tried
    seconds: float = 0.0

    def get_answers(self) -> list[Answer]:
        return [answer for answer in self.answers if answer.method == "GET"]


class LinkParser(HTMLParser):
    """Links (a, link), and the GET forms of a page with their fields' names."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower()})
            self.forms[-1]["fields"] = set()
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].add(attrs["name"])


def kind_of(path: str) -> str:
    """What kind of page a path is: the URL name of its view, or its section and depth in the page tree."""
    try:
        match = resolve(path)
    except Resolver404:
        return "404"
    if match.url_name == "wagtail_serve":
        # Pages of the tree: the section and the depth (/projets/ and each case study /projets/<slug>/).
        segments = [segment for segment in path.split("/") if segment]
        return "wagtail:" + "/".join(segments[:1] + ["*"] * (len(segments) - 1))
    return match.view_name or match.url_name or path


class Crawler:
    def __init__(self, max_urls: int = MAX_URLS):
        self.client = Client(raise_request_exception=False)
        self.site = urlsplit(settings.SITE_URL)
        self.max_urls = max_urls
        self.crawl = Crawl()
        self.seen: set[str] = set()
        self.shapes: set[tuple] = set()  # (path, parameter names): one URL of each shape is followed
        self.queue: deque[str] = deque()
        self.head_checked: set[str] = set()

    # --- fetching -------------------------------------------------------------------------------
    def fetch(self, method: str, url: str, data=None) -> Answer:
        path, _, query = url.partition("?")
        if data is None:
            data = parse_qsl(query, keep_blank_values=True)
            url = path
        send = getattr(self.client, method.lower())
        response = send(url, data=_as_multidict(data))
        content_type = response.get("Content-Type", "")
        raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        textual = not content_type.startswith(("image/", "application/vnd.openxmlformats", "application/octet"))
        body = raw.decode("utf-8", "replace") if textual else ""
        sent = url + ("?" + urlencode(data) if data else "")
        answer = Answer(method, sent, response.status_code, content_type, body)
        answer.allow = response.get("Allow", "")
        self.crawl.answers.append(answer)
        return answer

    # --- following ------------------------------------------------------------------------------
    def internal_path(self, href: str, base: str) -> str | None:
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(urljoin(base, href))
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and parts.netloc not in (self.site.netloc, "testserver"):
            return None
        if parts.path.startswith(SKIPPED_PREFIXES):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def enqueue(self, href: str, base: str = "/") -> None:
        path = self.internal_path(href, base)
        if path is None or path in self.seen:
            return
        route, _, query = path.partition("?")
        shape = (route, tuple(sorted({name for name, _value in parse_qsl(query, keep_blank_values=True)})))
        if shape in self.shapes:
            return
        self.shapes.add(shape)
        self.seen.add(path)
        self.queue.append(path)

    def run(self) -> Crawl:
        for url in START:
            self.enqueue(url)
        fetched = 0  # the budget counts pages fetched, in the order found, not addresses found
        while self.queue and fetched < self.max_urls:
            url = self.queue.popleft()
            fetched += 1
            answer = self.fetch("GET", url)
            self.check_head(url, answer)
            self.follow(url, answer)
        return self.crawl

    def check_head(self, url: str, answer: Answer) -> None:
        """HEAD on one URL of each kind of page that answered GET."""
        if answer.status >= 400:
            return
        kind = kind_of(url.partition("?")[0])
        if kind in self.head_checked:
            return
        self.head_checked.add(kind)
        self.fetch("HEAD", url)

    def follow(self, url: str, answer: Answer) -> None:
        if answer.status in (301, 302, 303, 307, 308):
            return
        if answer.is_html:
            parser = LinkParser()
            parser.feed(answer.body)
            for href in parser.links:
                self.enqueue(href, url)
            for form in parser.forms:
                action = self.internal_path(form["action"] or url.partition("?")[0], url)
                if action:
                    self.fuzz(action.partition("?")[0], form["fields"], method=form["method"])
            route, _, query = url.partition("?")
            if query:
                self.fuzz(route, {name for name, _value in parse_qsl(query, keep_blank_values=True)})
            else:
                self.fuzz(route, {"page"} if 'class="pagination' in answer.body else set())
        elif "xml" in answer.content_type:
            for href in re.findall(r"<loc>([^<]+)</loc>|<link[^>]*href=\"([^\"]+)\"", answer.body):
                self.enqueue(href[0] or href[1], url)
        elif "json" in answer.content_type:
            try:
                data = json.loads(answer.body)
            except ValueError:
                return
            if url.startswith("/api/openapi.json"):
                self.follow_schema(data)
            for value in _strings(data):
                if value.startswith(("/", "http")):
                    self.enqueue(value, url)
        elif answer.content_type.startswith("text/plain"):
            for href in URL_PATTERN.findall(answer.body):
                self.enqueue(href, url)

    def follow_schema(self, schema: dict) -> None:
        """Every GET endpoint of the JSON API, with every parameter the schema names."""
        for path, operations in schema.get("paths", {}).items():
            if "{" in path or "get" not in operations:
                continue
            names = {parameter["name"] for parameter in operations["get"].get("parameters", [])}
            self.enqueue(path + ("?q=coop" if "q" in names else ""))
            self.fuzz(path, names)

    # --- hostile values -------------------------------------------------------------------------
    def fuzz(self, path: str, names: set[str], method: str = "get") -> None:
        """Each parameter of a page alone with hostile values, once per kind of page and parameter."""
        names = {name for name in names if name not in ("csrfmiddlewaretoken",)}
        kind = kind_of(path)
        tried = self.crawl.parameters.setdefault(kind, set())
        new = names - tried
        tried |= new
        for name in sorted(new):
            values = PAGE_VALUES if name in ("page", "p", "offset", "limit", "page_size") else TEXT_VALUES
            for value in values:
                self.fetch(method.upper(), path, data=[(name, value)])
                if method == "get" and name == "page" and value in PAST_THE_LAST:
                    self.fetch("HEAD", path, data=[(name, value)])


def _as_multidict(pairs):
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def _strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def absolute_urls(text: str) -> list[str]:
    return URL_PATTERN.findall(text)


def meta_tags(html: str) -> list[str]:
    return META_TAG.findall(html)
