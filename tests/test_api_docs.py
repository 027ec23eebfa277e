"""The OpenAPI document describes every route; /docs renders it; settings are documented."""
from __future__ import annotations

import re

from tests.browser.fixtures import make_app, mini_client, mini_store  # noqa: F401

UNDOCUMENTED = {"/static/<path:filename>", "/", "/search", "/network", "/map", "/actors/<path:key>",
                "/events/<key>", "/articles/<key>", "/openapi.json", "/docs", "/places/<path:key>",
                "/dyads/<a>/<b>"}


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def test_api_docs_every_route_is_in_openapi(mini_client):
    doc = mini_client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    app = mini_client.application
    for rule in app.url_map.iter_rules():
        if rule.rule in UNDOCUMENTED:
            continue
        path = _openapi_path(rule.rule)
        assert path in doc["paths"], f"{rule.rule} is not in /openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in doc["paths"][path], f"{method} {rule.rule} is not in /openapi.json"


def test_api_docs_page_lists_every_path(mini_client):
    page = mini_client.get("/docs").get_data(as_text=True)
    for path in mini_client.get("/openapi.json").get_json()["paths"]:
        assert path in page


def test_api_docs_error_schema_matches_errors(mini_client):
    schema = mini_client.get("/openapi.json").get_json()["components"]["schemas"]["Error"]
    body = mini_client.get("/api/actors/nobody").get_json()
    assert set(schema["required"]) <= set(body)


def test_api_docs_settings_are_read_from_the_environment(mini_store):
    from kg.config import Settings

    settings = Settings.from_env({"KG_STORE": "x", "KG_READONLY": "false", "KG_TOKEN": "t",
                                  "KG_QUERY_TIMEOUT": "2.5", "KG_MAX_ROWS": "7", "KG_MAX_BODY": "99"})
    app = make_app(mini_store, **{k: getattr(settings, k) for k in
                                  ("readonly", "token", "query_timeout", "max_rows", "max_body")})
    assert app.config["MAX_CONTENT_LENGTH"] == 99
    assert app.extensions["kg_runner"].timeout == 2.5
    assert app.config["KG_SETTINGS"].max_rows == 7
