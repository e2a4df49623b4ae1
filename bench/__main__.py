"""`python -m bench`: the harness (bench.run); `python -m bench sweep ...`: the URL sweep (bench.sweep)."""

import os
import sys

if sys.argv[1:2] == ["sweep"]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    from bench.sweep import main as sweep_main

    sweep_main(sys.argv[2:])
else:
    from bench.run import main

    main()
