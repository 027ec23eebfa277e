"""Property-based test of the SPARQL guard (api/guard.py): on any text, SPARQL-like or not, it
either lets the query through or refuses it with QueryShapeError; it never fails otherwise."""
from __future__ import annotations

import pytest

from api.guard import QueryShapeError, check_query, check_update

pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install hypothesis)")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["SELECT", "*", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";", ",", "?s", "?p", "?o", "?x", "<http://e.org/a>",
         "ex:p", "a", '"lit"', "1", "2.5", "OPTIONAL", "MINUS", "GRAPH", "SERVICE", "SILENT", "FILTER", "NOT", "EXISTS",
         "BIND", "AS", "VALUES", "UNION", "UNDEF", "COUNT", "GROUP", "BY", "ORDER", "LIMIT", "CONSTRUCT", "ASK",
         "DESCRIBE", "INSERT", "DELETE", "DATA", "regex", "&&", "||", "!", "=", "/", "|", "^", "#", "\n", "'", '"']
SPARQLISH = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


@settings(deadline=None, max_examples=2000, database=None)
@given(text=st.one_of(SPARQLISH, st.text(max_size=200)))
def test_fuzz_guard_never_fails_unexpectedly(text):
    for check in (check_query, check_update):
        try:
            check(text)
        except QueryShapeError as exc:
            assert str(exc)
