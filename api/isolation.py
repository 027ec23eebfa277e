"""How /sparql answers a query that its reader process could not finish (`kg.store.readers`).

A query past its time limit was stopped: 503 with Retry-After, as before. A query that made the
engine die is answered 500 in the one error shape and logged with the start of its text; one that
ran out of the memory a query may use is the client's to narrow: 400. Every other QueryError is
the client's too (400).
"""
from __future__ import annotations

from kg.errors import QueryError
from kg.store.readers import EngineCrashError, QueryTimeoutError, ReadersBusyError

from .errors import ApiError

__all__ = ["isolated_error"]


def isolated_error(exc: QueryError, timeout: float, logger, text: str) -> ApiError:
    """The ApiError for a QueryError from the store or from a reader process."""
    if isinstance(exc, QueryTimeoutError):
        return ApiError(503, "Service Unavailable", f"the query ran longer than the limit of {timeout:g} s "
                        "(KG_QUERY_TIMEOUT) and was stopped; add LIMIT or narrow the patterns",
                        headers={"Retry-After": "10"})
    if isinstance(exc, ReadersBusyError):
        return ApiError(503, "Service Unavailable", f"{exc} (long queries are stopped at KG_QUERY_TIMEOUT)",
                        headers={"Retry-After": "10"})
    if isinstance(exc, EngineCrashError) and not exc.memory:
        logger.error("the query engine crashed; query (first 500 characters): %r; %s", text[:500], exc)
        return ApiError(500, "Internal Server Error", str(exc))
    return ApiError.bad_request(str(exc))
