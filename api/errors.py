"""One JSON error shape everywhere: {"ok": false, "status": N, "error": "...", "detail": "..."}.

`error` is the HTTP reason phrase, `detail` says what went wrong and what to do; an unknown
actor adds `suggestions` (close names). Library errors map to statuses here, so views just
let `kg` exceptions rise. A browser asking for a page (not under /api, /sparql, /update,
/openapi.json or /static, with an Accept header that prefers text/html to JSON) gets the same
status, detail and suggestions as an HTML page instead (`templates/errors/error.html`).
"""
from __future__ import annotations

import json

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from kg.errors import InputError, KGError, QueryError, StoreError, UnknownNodeError, ValidationError

__all__ = ["ApiError", "error_body", "error_response", "page_or_json", "wants_html", "from_kg", "init_app"]


class ApiError(Exception):
    """An error answered with `status` and a message a client can act on."""

    def __init__(self, status: int, message: str, detail: str | None = None, *,
                 headers: dict | None = None, suggestions: list[str] | None = None):
        super().__init__(detail or message)
        self.status, self.message, self.detail = status, message, detail
        self.headers, self.suggestions = headers or {}, suggestions

    @classmethod
    def bad_request(cls, detail: str) -> "ApiError":
        """A 400 with `detail`."""
        return cls(400, "Bad Request", detail)

    @classmethod
    def not_found(cls, detail: str, suggestions: list[str] | None = None) -> "ApiError":
        """A 404 with `detail`."""
        return cls(404, "Not Found", detail, suggestions=suggestions)


def error_body(status: int, detail: str = "", suggestions=None) -> bytes:
    """The canonical error body: the one JSON error shape, as bytes (also for plain WSGI answers).

    >>> error_body(404, "no actor x")[:60]
    b'{"ok":false,"status":404,"error":"Not Found","detail":"no ac'
    """
    payload = {"ok": False, "status": status, "error": HTTP_STATUS_CODES.get(status, "Error"),
               "detail": detail or ""}
    if suggestions is not None:
        payload["suggestions"] = suggestions
    return (json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def error_response(status: int, detail: str = "", *, suggestions=None, headers=None) -> Response:
    """The canonical error body and status."""
    response = Response(error_body(status, detail, suggestions), status=status, mimetype="application/json")
    response.headers.update(headers or {})
    return response


JSON_PATHS = ("/api/", "/sparql", "/update", "/openapi.json", "/static/")


def wants_html() -> bool:
    """Whether the request is a browser's for a page: its Accept prefers text/html to JSON
    (`*/*` alone, or no Accept, gets JSON) and its path is not one of the API's."""
    if request.path == "/api" or request.path.startswith(JSON_PATHS):
        return False
    accept = request.accept_mimetypes
    return accept.best_match(["application/json", "text/html"]) == "text/html" and \
        accept["text/html"] > accept["application/json"]


def page_or_json(status: int, detail: str = "", *, suggestions=None, headers=None) -> Response:
    """The error as an HTML page for a browser (`wants_html`), else the JSON shape."""
    if wants_html():
        try:
            html = render_template("errors/error.html", status=status, reason=HTTP_STATUS_CODES.get(status, "Error"),
                                   detail=detail, suggestions=suggestions,
                                   query=request.args.get("q") or (request.view_args or {}).get("key", "").replace("-", " "))
        except Exception:  # an error page that cannot be drawn falls back to the JSON shape
            html = None
        if html is not None:
            response = Response(html, status=status, mimetype="text/html")
            response.headers.update(headers or {})
            return response
    return error_response(status, detail, suggestions=suggestions, headers=headers)


def from_kg(exc: KGError) -> ApiError:
    """The ApiError a library error is answered with."""
    if isinstance(exc, UnknownNodeError):
        return ApiError.not_found(str(exc), exc.suggestions)
    if isinstance(exc, (QueryError, InputError)):
        return ApiError.bad_request(str(exc))
    if isinstance(exc, ValidationError):
        return ApiError(422, "Unprocessable Entity", str(exc))
    if isinstance(exc, StoreError):
        return ApiError(503, "Service Unavailable", str(exc))
    return ApiError(500, "Internal Server Error", str(exc))


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into the JSON shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return page_or_json(exc.status, exc.detail or exc.message, suggestions=exc.suggestions, headers=exc.headers)

    @app.errorhandler(KGError)
    def _kg_error(exc: KGError):
        return _api_error(from_kg(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
        return page_or_json(exc.code or 500, exc.description or "", headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unexpected error")
        return page_or_json(500, "the server failed to answer; the error was logged")
