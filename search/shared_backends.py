"""One search backend per configuration and process, instead of one per search.

modelsearch's `get_search_backend` builds a new backend at each call, and an OpenSearch / Elasticsearch
backend builds a new client with it: ~1 ms of Python and a new connection to the engine on every search,
where the client could keep its connections open (it is thread-safe). The backend is kept per alias, per
value of WAGTAILSEARCH_BACKENDS (settings changed by a test or a reload give a new one) and per process
id (a client's connections are never shared with a forked worker).
"""

import os
from functools import lru_cache

from django.conf import settings
from wagtail.search.backends import get_search_backend


def shared_backend(alias: str = "default"):
    return _backend(alias, repr(getattr(settings, "WAGTAILSEARCH_BACKENDS", {})), os.getpid())


@lru_cache(maxsize=16)
def _backend(alias: str, _configuration: str, _process: int):
    return get_search_backend(alias)
