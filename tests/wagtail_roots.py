"""What Wagtail's migrations create, recreated for transactional tests (their flush removes it)."""


def ensure_wagtail_roots() -> None:
    """The root page, root collection and default locale that Wagtail's migrations made, gone after a flush."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
