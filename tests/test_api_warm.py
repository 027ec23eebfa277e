"""The service's warm-up (api.warm): the network page's first /api/network is answered from what
the warm-up built, a request during the warm-up shares its build, a write invalidates, failures
are logged in one line, and KG_WARM=0 turns it off. Real stores and the app's own code."""
from __future__ import annotations

import json
import logging
import re
import threading

from kg.config import Settings
from kg.graph.cache import cache_for
from kg.store import open_store

from api import graph_api, warm
from tests.browser.fixtures import make_app, mini_store  # noqa: F401
from tests.held import held_sample_store, until

BETA = "https://w3id.org/conflict-kg/id/article/beta"


def _warmed(app):
    warming = warm.start(app)
    assert warming is not None and warming.wait(120) and warming.error is None, warming and warming.error
    return warming


def test_api_warm_page_url_is_what_the_network_page_asks_first(mini_store):
    app = make_app(mini_store)
    page = app.test_client().get("/network").get_data(as_text=True)
    top = re.search(r'name="top" id="f-top" min="0" value="(\d+)"', page).group(1)
    metric = re.search(r"<option selected>([a-z-]+)</option>", page).group(1)
    assert warm.page_url(app) == f"/api/network?top={top}&metric={metric}"  # network.js: viewQuery()


def test_api_warm_fills_the_cache_so_the_first_visit_is_a_hit(mini_store):
    app = make_app(mini_store)
    _warmed(app)
    cache = cache_for(mini_store)
    assert (cache.builds, cache.hits) == (1, 0)
    graph = cache.get()
    kept = dict(graph_api._VIEWS[graph])
    assert len(kept) == 1
    response = app.test_client().get(warm.page_url(app))
    assert response.status_code == 200 and (cache.builds, cache.hits) == (1, 2)
    assert dict(graph_api._VIEWS[graph]) == kept and response.get_data() is list(kept.values())[0][0]
    assert [n["id"] for n in response.get_json()["nodes"]] == ["army-a", "militia-b", "council-c", "group-d"]


def test_api_warm_a_write_after_it_invalidates(mini_store):
    app = make_app(mini_store)
    _warmed(app)
    assert mini_store.delete_article(BETA)  # A coerced D in beta: D goes
    cache = cache_for(mini_store)
    answer = app.test_client().get(warm.page_url(app)).get_json()
    assert cache.builds == 2 and sorted(n["id"] for n in answer["nodes"]) == ["army-a", "council-c", "militia-b"]


def test_api_warm_request_during_it_waits_for_the_same_build():
    store = held_sample_store()
    app = make_app(store)
    cache = cache_for(store)
    store.hold()
    warming = warm.start(app)
    store.waiting.wait(60)
    answers = []
    visit = threading.Thread(target=lambda: answers.append(app.test_client().get(warm.page_url(app))), daemon=True)
    visit.start()
    until(lambda: cache.waits == 1, "the page's request waits for the warm-up's build")
    store.release()
    visit.join(60)
    assert warming.wait(60) and warming.error is None
    assert answers[0].status_code == 200 and len(answers[0].get_json()["nodes"]) == 6
    assert (cache.builds, cache.waits) == (1, 1)


def test_api_warm_write_during_it_leaves_no_stale_projection():
    store = held_sample_store()
    app = make_app(store)
    store.hold()
    warming = warm.start(app)
    store.waiting.wait(60)
    assert store.delete_article("https://w3id.org/conflict-kg/id/article/ckg-libya-2019-04-08")
    store.release()
    assert warming.wait(60) and warming.error is None
    answer = app.test_client().get(warm.page_url(app)).get_json()
    assert cache_for(store).builds == 2 and len(answer["nodes"]) == 4


def test_api_warm_failure_is_one_logged_line_and_the_page_still_answers(caplog):
    store = held_sample_store()
    store.fail = True
    app = make_app(store)
    with caplog.at_level(logging.WARNING, logger="api.warm"):
        warming = warm.start(app)
        assert warming.wait(60)
    assert warming.error == "OSError: the store is unreachable (HeldStore.fail)"
    [record] = [r for r in caplog.records if r.name == "api.warm"]
    assert record.levelno == logging.WARNING and record.exc_info is None and "\n" not in record.getMessage()
    store.fail = False
    response = app.test_client().get(warm.page_url(app))
    assert response.status_code == 200 and cache_for(store).builds == 1


def test_api_warm_empty_store():
    store = open_store(None)
    app = make_app(store)
    _warmed(app)
    answer = json.loads(app.test_client().get(warm.page_url(app)).get_data())
    assert answer["nodes"] == [] and (cache_for(store).builds, cache_for(store).hits) == (1, 1)


def test_api_warm_off_with_kg_warm_0(mini_store):
    assert Settings.from_env({"KG_WARM": "0"}).warm is False and Settings().warm is True
    app = make_app(mini_store, warm=False)
    assert warm.start(app) is None and "kg_warm" not in app.extensions
    assert cache_for(mini_store).builds == 0
