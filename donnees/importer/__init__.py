"""Bulk import of case studies (see docs/import/README.md)."""

from .core import ImportReport, import_tables
from .readers import ImportFileError, companion_paths, read_tables

__all__ = ["ImportFileError", "ImportReport", "companion_paths", "import_tables", "read_tables"]
