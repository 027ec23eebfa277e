"""The API's documentation: the OpenAPI document at /openapi.json and a reference page at /docs."""
from __future__ import annotations

from flask import Blueprint, render_template

from .openapi import openapi_document

bp = Blueprint("docs", __name__)


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document."""
    return openapi_document()


@bp.get("/docs")
def docs():
    """A reference page generated from the OpenAPI document."""
    return render_template("docs/docs.html", doc=openapi_document())
