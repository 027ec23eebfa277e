"""The `/api` blueprint, shared by the listing routes (`json_api`) and the graph routes
(`graph_api`): both register on it, and `create_app` imports both before registering it."""
from __future__ import annotations

from flask import Blueprint

__all__ = ["bp"]

bp = Blueprint("json_api", __name__, url_prefix="/api")
