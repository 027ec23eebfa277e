"""SPARQL Update through /sparql and /update: only with the configured bearer token."""
from __future__ import annotations

import pytest
import requests

from tests.browser.fixtures import TOKEN, make_app, mini_store  # noqa: F401
from tests.browser.live import live_server

INSERT = "INSERT DATA { GRAPH <http://e.org/g> { <http://e.org/s> <http://e.org/p> 1 } }"
ASK = "ASK { GRAPH <http://e.org/g> { <http://e.org/s> <http://e.org/p> 1 } }"


@pytest.fixture
def writable_server(mini_store):
    with live_server(make_app(mini_store, token=TOKEN, readonly=False)) as server:
        yield server


def _ask(server) -> bool:
    return requests.get(f"{server.url}/sparql", params={"query": ASK}, timeout=30).json()["boolean"]


@pytest.mark.parametrize("path, kwargs", [
    ("/sparql", {"data": {"update": INSERT}}),
    ("/update", {"data": INSERT.encode(), "headers": {"Content-Type": "application/sparql-update"}}),
], ids=["form-on-sparql", "direct-on-update"])
def test_sparql_update_with_token(writable_server, path, kwargs):
    headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {TOKEN}"}
    response = requests.post(writable_server.url + path, headers=headers, timeout=30, **kwargs)
    assert response.status_code == 204
    assert _ask(writable_server) is True


@pytest.mark.parametrize("authorization, status", [(None, 401), ("Bearer wrong", 401), ("Basic abc", 401)],
                         ids=["none", "wrong-token", "wrong-scheme"])
def test_sparql_update_refused_without_the_token(writable_server, authorization, status):
    headers = {"Authorization": authorization} if authorization else {}
    response = requests.post(f"{writable_server.url}/update", data={"update": INSERT}, headers=headers, timeout=30)
    assert response.status_code == status
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["ok"] is False and _ask(writable_server) is False


@pytest.mark.parametrize("update, words", [
    ("LOAD <http://127.0.0.1:1/data.ttl>", "LOAD"),
    ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("CLEAR XYZ", "malformed"),
], ids=["load", "service", "syntax"])
def test_sparql_update_refuses_remote_fetches_and_bad_syntax(writable_server, update, words):
    response = requests.post(f"{writable_server.url}/update", data={"update": update},
                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code == 400 and words in response.json()["detail"]


def test_sparql_update_service_description_lists_update(writable_server):
    text = requests.get(f"{writable_server.url}/sparql", headers={"Accept": "text/turtle"}, timeout=30).text
    assert "SPARQL11Update" in text


def test_sparql_update_readonly_wins_over_token(mini_store):
    with live_server(make_app(mini_store, token=TOKEN, readonly=True)) as server:
        response = requests.post(f"{server.url}/update", data={"update": INSERT},
                                 headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code == 403


def test_sparql_update_without_token_is_readonly(mini_store):
    with live_server(make_app(mini_store)) as server:
        response = requests.post(f"{server.url}/update", data={"update": INSERT}, timeout=30)
    assert response.status_code == 403
