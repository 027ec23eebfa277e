"""Property-based: ORDER BY over mixed terms (numbers, strings, language strings, dates and
dateTimes with and without a timezone, IRIs, blank nodes) in a reader process (`kg.store.readers`).
Each query is answered, in the order SPARQL gives, or is one EngineCrashError (pyoxigraph 0.5.13
aborts on some, docs/known-engine-bugs.md); either way the next query is answered."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.store import open_store
from kg.store.readers import EngineCrashError, ReaderPool

pytestmark = pytest.mark.reliability("SPARQL ORDER BY over mixed terms")

XSD = "http://www.w3.org/2001/XMLSchema#"
ZONES = st.sampled_from(["", "Z", "+05:00", "-10:00", "+14:00"])
TERMS = st.one_of(
    st.integers(-50, 50).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda x: f'"{x}"^^<{XSD}double>'),
    st.decimals(-100, 100, places=2, allow_nan=False).map(lambda x: f'"{x}"^^<{XSD}decimal>'),
    st.text("abé日 ", max_size=3).map(json.dumps),
    st.tuples(st.text("ab", max_size=2), st.sampled_from(["en", "fr", "EN"])).map(lambda t: f"{json.dumps(t[0])}@{t[1]}"),
    st.tuples(st.integers(10, 12), ZONES).map(lambda t: f'"2020-01-{t[0]}{t[1]}"^^<{XSD}date>'),
    st.tuples(st.integers(10, 12), st.integers(0, 23), ZONES).map(
        lambda t: f'"2020-01-{t[0]}T{t[1]:02d}:00:00{t[2]}"^^<{XSD}dateTime>'),
    st.integers(0, 9).map(lambda n: f"<https://e.org/{n}>"),
    st.booleans().map(lambda b: str(b).lower()),
    st.just('"x"^^<https://e.org/unknown-type>'),
)


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "store"
    open_store(str(path)).close()
    readers = ReaderPool(str(path), size=1)
    yield readers
    readers.close()


@settings(deadline=None, max_examples=60, database=None)
@given(values=st.lists(TERMS, min_size=1, max_size=120), distinct=st.booleans())
def test_fuzz_order_by_mixed_terms_answers_or_fails_alone(pool, values, distinct):
    query = (f"SELECT {'DISTINCT ' if distinct else ''}?o WHERE {{ VALUES ?o {{ {' '.join(values)} }} }} "
             "ORDER BY ?o")
    try:
        body, _ = pool.bounded_query(query, "json", max_rows=1000)
        rows = json.loads(body)["results"]["bindings"]
        assert len(rows) == len(values) or distinct
    except EngineCrashError as exc:
        assert "engine crashed" in str(exc)
    body, _ = pool.bounded_query("SELECT (1 AS ?one) WHERE {}", "json", max_rows=10)
    assert json.loads(body)["results"]["bindings"][0]["one"]["value"] == "1"
