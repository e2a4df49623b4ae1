"""Unhandled errors: a request id on every log line and on the 500 page, and an optional Sentry sink.

django-log-request-id gives each request an id (never taken from the client's headers), sends it back in
X-Request-ID and puts it on log records (its RequestIDFilter, set on the handlers in the settings). The 500
page shows it, so a visitor's report leads to the log line. Sentry is configured only when SENTRY_DSN is set,
without visitor data, the request id as a tag: sentry-sdk 3 replaced send_default_pii with `data_collection`,
where user details (address, account), cookies, headers, bodies, query strings, SQL parameters and the
stack frames' variables (a proposal's e-mail address) are all switched off.
"""

from django.http import HttpResponseServerError
from django.template import loader
from log_request_id import DEFAULT_NO_REQUEST_ID, local

NO_VISITOR_DATA = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {"request": {"mode": "off"}},
    "http_bodies": [],
    "url_query_params": {"mode": "off"},
    "database_query_data": False,
    "stack_frame_variables": False,
}


def current_request_id() -> str:
    return getattr(local, "request_id", DEFAULT_NO_REQUEST_ID)


def server_error(request, template_name: str = "500.html"):
    """Django's 500 view, with the request id (a plain template: nothing here may fail again)."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request_id": current_request_id()}))


def _tag_request_id(event: dict, hint: dict) -> dict:
    event.setdefault("tags", {})["request_id"] = current_request_id()
    return event


def init_sentry(dsn: str, environment: str) -> None:
    """Send unhandled errors (and error log records) to Sentry; no visitor data, no performance tracing."""
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        data_collection=NO_VISITOR_DATA,
        traces_sample_rate=0.0,
        before_send=_tag_request_id,
    )
