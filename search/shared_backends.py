"""One search backend per configuration and process, instead of one per search.

modelsearch's `get_search_backend` builds a new backend at each call, and an OpenSearch / Elasticsearch
backend builds a new client with it: a new connection to the engine on every search (its handshake and the
client's set-up paid each time), where the client could keep its connections open (it is thread-safe).
Kept per alias, per value of WAGTAILSEARCH_BACKENDS (settings changed by a test or a reload give a new one)
and per process id (a client's connections are never shared with a forked worker).
"""

import os
from collections import OrderedDict

from django.conf import settings
from wagtail.search.backends import get_search_backend

KEPT = 16  # configurations kept per process (tests change the settings; a site has one or two)
_backends: OrderedDict = OrderedDict()


def _key(alias: str) -> tuple:
    return alias, repr(getattr(settings, "WAGTAILSEARCH_BACKENDS", {})), os.getpid()


def shared_backend(alias: str = "default"):
    key = _key(alias)
    backend = _backends.get(key)
    if backend is None:
        backend = get_search_backend(alias)
        # An engine backend writes its client timeout into the OPTIONS dict of the settings it reads (modelsearch
        # copies the alias's entry, not its OPTIONS): the configuration then reads differently from the second
        # call on. Kept under both readings, so that the first search does not build a second backend.
        _backends[key] = _backends[_key(alias)] = backend
        while len(_backends) > KEPT:
            _backends.popitem(last=False)
    return backend
