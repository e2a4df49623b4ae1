from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api
from cms.views import favicon
from donnees import urls as donnees_urls

handler500 = "cms.errors.server_error"

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # No CSRF token on public pages, so they can be cached and set no cookie: a forged switch only
    # changes the visitor's language (set_language still accepts only POST and a safe `next`).
    path("langue/", csrf_exempt(set_language), name="set_language"),
    path("", include(donnees_urls)),
    path("api/v2/", donnees_urls.api_v2_urls),
    path("api/", api.urls),
]
urlpatterns += [path("", include("precedents.urls"))]
urlpatterns += [path("", include("search.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only image renditions: documents always go through Wagtail's view, which checks privacy.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

from projets.views import organisations, programmes, proposals  # noqa: E402
from search.explorer import explorer  # noqa: E402

urlpatterns += [
    path("financements/", programmes.programme_list, name="programme_list"),
    path("financements/<slug:slug>/", programmes.programme_detail, name="programme_detail"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"),
    path("explorer/", explorer, name="explorer"),
    path("proposer/", proposals.propose, name="propose"),
    path("proposer/merci/", proposals.thanks, name="proposal_thanks"),
]

# Wagtail's page tree last: it catches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
