"""The conflict-kg web service: `create_app(settings)` builds everything, nothing happens at import."""
from __future__ import annotations

from flask import Flask

from kg.config import Settings
from kg.store import open_store

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, store=None) -> Flask:
    """Build the Flask app over the store named by `settings` (or an already open `store`)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["KG_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    app.extensions["kg_store"] = store if store is not None else open_store(settings.store)

    from . import errors, sparql

    errors.init_app(app)
    app.register_blueprint(sparql.bp)

    @app.get("/")
    def home():
        """Where to go from here."""
        return {"ok": True, "service": "conflict-kg", "sparql": "/sparql"}

    @app.after_request
    def cors(response):
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response.headers.setdefault("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
        response.headers.setdefault("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        return response

    return app
