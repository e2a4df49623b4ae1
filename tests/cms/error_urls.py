"""The project's URLs and error handler, plus a view that fails (for tests/cms/test_errors.py)."""

from django.urls import path

from cms.urls import handler500
from cms.urls import urlpatterns as project_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def broken(request):
    raise RuntimeError("panne simulée")


urlpatterns = [path("panne/", broken), *project_urlpatterns]
