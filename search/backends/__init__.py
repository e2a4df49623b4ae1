"""Wagtail search backends with French analysis (see search/french.py)."""
