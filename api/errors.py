"""One JSON error shape everywhere: {"ok": false, "status": N, "error": "...", "detail": "..."}."""
from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

__all__ = ["ApiError", "init_app"]


class ApiError(Exception):
    """An error answered with `status` and a message a client can act on."""

    def __init__(self, status: int, message: str, detail: str | None = None):
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail


def _body(status: int, message: str, detail: str | None = None):
    payload = {"ok": False, "status": status, "error": message}
    if detail:
        payload["detail"] = detail
    response = jsonify(payload)
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into the JSON shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return _body(exc.status, exc.message, exc.detail)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        return _body(exc.code or 500, exc.name, exc.description)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unexpected error")
        return _body(500, "Internal Server Error", "the server failed to answer; the error was logged")
