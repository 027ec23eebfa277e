"""Exceptions of conflict-kg. Every one is a KGError with a message a person can act on."""
from __future__ import annotations

__all__ = ["KGError", "InputError", "ExtractionError", "ValidationError", "StoreError",
           "QueryError", "FilterError", "UnknownNodeError"]


class KGError(Exception):
    """Base class of every error conflict-kg raises on purpose."""


class InputError(KGError):
    """An input file, line or field that cannot be read as an article."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path, self.line, self.reason = path, line, message
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ExtractionError(KGError):
    """The extractor could not run (for example, no spaCy model is installed)."""


class ValidationError(KGError):
    """An RDF graph does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query or update is malformed or not allowed."""


class FilterError(KGError, ValueError):
    """A filter value that cannot be used (`kg.filters`); the message names the value."""


class UnknownNodeError(KGError):
    """An actor or other node named by the user is not in the graph."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)
