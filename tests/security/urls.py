"""The project's URLs plus views used only by the rate-limit tests: an HTML form, JSON endpoints."""

from django.http import HttpResponse, JsonResponse
from django.urls import path

from cms.ratelimit import rate_limit
from cms.urls import urlpatterns as project_urlpatterns


@rate_limit("test-form", limit=3, period=60, methods=("POST",))
def form_view(request):
    return HttpResponse("ok")


@rate_limit("test-api", limit=5, period=1)
def api_view(request):
    return JsonResponse({"results": []})


@rate_limit("test-shared", limit=5, period=3600)
def shared_view(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/limite-partagee/", shared_view),
    path("proposer/", form_view),
    path("api/recherche/", api_view),
    *project_urlpatterns,
]
