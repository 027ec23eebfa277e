"""POST /api/articles: token-protected ingest through kg.pipeline, with the real spaCy model."""
from __future__ import annotations

import pytest
import requests

from tests.browser.fixtures import TOKEN, make_app, mini_store  # noqa: F401
from tests.browser.live import live_server

ARTICLE = {"id": "api-test-1", "date": "2019-04-08", "title": "Clashes near Tripoli", "outlet": "AP",
           "dateline": "TRIPOLI, Libya",
           "text": "Forces loyal to Khalifa Haftar shelled the Mitiga airport in Tripoli on Sunday, "
                   "officials said."}


@pytest.fixture
def writable(mini_store):
    with live_server(make_app(mini_store, token=TOKEN, readonly=False)) as server:
        yield server


def post(server, body, token=TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.post(f"{server.url}/api/articles", json=body, headers=headers, timeout=120)


def test_api_ingest_adds_then_leaves_unchanged(writable):
    first = post(writable, ARTICLE)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["ok"] is True and body["status"] == "added" and body["triples"] > 0
    assert first.headers["Location"] == body["article"]["url"]
    stored = requests.get(writable.url + body["article"]["url"], timeout=30).json()["article"]
    assert stored["title"] == "Clashes near Tripoli" and stored["text"] == ARTICLE["text"]
    again = post(writable, ARTICLE)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert requests.get(f"{writable.url}/api/stats", timeout=30).json()["articles"] == 3


@pytest.mark.parametrize("body, words", [
    ({"id": "x", "date": "2019-04-08"}, "text"),
    ({"id": "x", "text": "Something happened."}, "date"),
    ({"text": "Something happened.", "date": "2019-04-08"}, "id"),
    ({"id": "x", "text": "Something.", "date": "08/04/2019"}, "YYYY-MM-DD"),
    (["not", "an", "object"], "JSON object"),
], ids=["no-text", "no-date", "no-id", "bad-date", "not-object"])
def test_api_ingest_rejects_bad_articles(writable, body, words):
    response = post(writable, body)
    assert response.status_code == 400 and words in response.json()["detail"]


@pytest.mark.parametrize("token, status", [(None, 401), ("wrong", 401)], ids=["none", "wrong"])
def test_api_ingest_needs_the_token(writable, token, status):
    response = post(writable, ARTICLE, token=token)
    assert response.status_code == status and response.json()["ok"] is False


def test_api_ingest_refused_when_read_only(mini_store):
    with live_server(make_app(mini_store)) as server:
        response = post(server, ARTICLE)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_api_ingest_body_size_limit(mini_store):
    with live_server(make_app(mini_store, token=TOKEN, readonly=False, max_body=1000)) as server:
        response = post(server, {**ARTICLE, "text": "x" * 5000})
    assert response.status_code == 413 and response.json()["status"] == 413
