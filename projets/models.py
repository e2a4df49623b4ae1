"""The cooperation domain: organisations, case studies, contracts (see issue 3)."""
