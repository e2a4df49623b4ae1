"""Settings of the server processes started by test_proposal_limit_shared.py: the security tests' worker
settings (limits on, one trusted proxy), with the project's own URLs (the real /proposer/)."""

from tests.security.worker_settings import *  # noqa: F403

ROOT_URLCONF = "cms.urls"
