"""The conflict-kg web service: `create_app(settings)` builds everything, nothing happens at import.

Blueprints: `sparql` (the query page), `json_api` (/api), `exports` (/api/export), `views` (HTML
pages), `docs` (/openapi.json, /docs). /sparql and /update are answered by `sparql.SparqlService`,
a plain WSGI app in front of Flask (the fast path; everything else passes through to Flask).
"""
from __future__ import annotations

from flask import Flask, request

from kg.config import Settings

__all__ = ["create_app"]

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Expose-Headers": "X-KG-Truncated, X-KG-Max-Rows, Location, Content-Disposition",
    "Access-Control-Max-Age": "86400",
}


def create_app(settings: Settings | None = None, store=None, *, isolate: int = 0) -> Flask:
    """Build the Flask app over the store named by `settings` (or an already open `store`);
    `isolate` runs protocol queries in that many reader processes (`kg serve` does, `api.db.init_app`).

    `settings` defaults to `Settings.from_env()` (KG_STORE, KG_READONLY, KG_TOKEN,
    KG_QUERY_TIMEOUT, KG_MAX_ROWS, KG_MAX_BODY).
    """
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.json.sort_keys = False

    from . import db, docs, errors, exports, graph_api, json_api, params, series_api, sparql, views  # noqa: F401 (graph_api, series_api: their routes)

    errors.init_app(app)
    db.init_app(app, settings, store, isolate=isolate)
    for module in (sparql, json_api, exports, views, docs):
        app.register_blueprint(module.bp)

    app.wsgi_app = sparql.SparqlService(app)

    @app.before_request
    def known_parameters():
        """Refuse query parameters that an /api path does not take (api.params.check_known)."""
        if request.path.startswith("/api/"):
            params.check_known(request)

    @app.after_request
    def cors(response):
        """Let browser clients on other origins call the API and the endpoint (CORS)."""
        for name, value in CORS_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
