"""A web worker freezes what it loaded at startup, so that full collections do not walk it again."""

import os
import subprocess
import sys

from django.conf import settings


def test_the_wsgi_application_freezes_its_startup_objects():
    # A fresh interpreter: this test process has its own history of collections.
    script = "import gc, cms.wsgi; print(gc.get_freeze_count())"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(  # noqa: S603 (our own interpreter, a fixed script)
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50_000  # Django, Wagtail and the project's modules
