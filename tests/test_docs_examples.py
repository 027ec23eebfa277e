"""Every SPARQL example of README.md, ontology/README.md and the /sparql query page gives the
answers it gave when each article's graph carried its own copy of every actor and place it uses.

The store: the seed articles and an ACLED file (tests/data/import), resolved. The same data in
the old layout is rebuilt from it (each article's and dataset's graph with the descriptions it
is `prov:wasDerivedFrom`: `OLD_LAYOUT`); each example must give the same distinct rows on both, and some.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.importers.load import import_file
from kg.pipeline import ingest_paths
from kg.queries import EXAMPLE_QUERIES
from kg.store import open_store
from tests.test_store_layout import OLD_LAYOUT

ROOT = Path(__file__).resolve().parents[1]


def code_blocks(path: Path) -> list[str]:
    return re.findall(r"^```sparql\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)


def _readme_examples() -> list[tuple[str, str]]:
    blocks = code_blocks(ROOT / "README.md")
    prefixes = next(b for b in blocks if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", b))
    prologue = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    return [(f"README.md #{i}", (prologue if "PREFIX" not in b else "") + prefixes + b)
            for i, b in enumerate(blocks) if b != prefixes]


EXAMPLES = (_readme_examples()
            + [(f"ontology/README.md #{i}", b) for i, b in enumerate(code_blocks(ROOT / "ontology" / "README.md"))]
            + [(f"query page: {title}", text) for title, text in EXAMPLE_QUERIES])


WIRE_STORY = ("NIAMEY (Sahel Wire) - Gunmen on motorcycles attacked a market in the village of Tera on Monday, "
              "killing nine traders, a local official said. Residents said the attackers burned several shops before "
              "fleeing towards the border with Burkina Faso. The army said it had sent reinforcements to the area.")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """(the store, the same data with a copy of each description in every graph that uses it)."""
    path = tmp_path_factory.mktemp("examples") / "store"
    store = open_store(str(path))
    settings = Settings(store=str(path))
    assert ingest_paths([str(ROOT / "seeds")], store, settings=settings).failed == 0
    assert import_file(store, "acled", ROOT / "tests" / "data" / "import" / "acled-current.csv", settings=settings).imported
    copies = path.parent / "wire.jsonl"  # one wire story in two outlets, for the syndicated-copies example
    copies.write_text("".join(json.dumps({"id": key, "text": WIRE_STORY.replace("Monday", day), "date": "2024-05-14",
                                          "outlet": outlet}) + "\n"
                              for key, outlet, day in (("wire-a", "Sahel Post", "Monday"),
                                                       ("wire-b", "Niger Daily", "Monday,"))), encoding="utf-8")
    assert ingest_paths([str(copies)], store, settings=settings).failed == 0
    old = ox.Store()
    old.load(b"".join(store.dump("nquads")), format=ox.RdfFormat.N_QUADS)
    old.update(OLD_LAYOUT)
    yield store, old
    store.close()


def _rows(result) -> set:
    if isinstance(result, ox.QueryBoolean):
        return {bool(result)}
    names = [v.value for v in result.variables]
    return {tuple((n, str(t)) for n, t in zip(names, row) if t is not None) for row in result}


def test_docs_examples_are_all_found():
    assert len(EXAMPLES) >= 16 and all("GRAPH ?g {  #" not in text for _, text in EXAMPLES)


def test_docs_examples_old_layout_repeats_descriptions(stores):
    store, old = stores
    copies = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(old.query(copies, use_default_graph_as_union=True)))[0].value) > store.triple_count()


@pytest.mark.parametrize("title, text", EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_docs_examples_give_the_same_answers(stores, title, text):
    store, old = stores
    body = store.query(text, "json")
    now = _rows(ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON))
    limit = re.search(r"\bLIMIT\s+(\d+)\s*$", text)
    if limit and "ORDER BY" not in text:  # any rows of the answer: some of the same answer, as many
        before = _rows(old.query(text[:limit.start()], use_default_graph_as_union=True))
        assert now <= before and len(now) == min(len(before), int(limit.group(1)))
    else:
        assert now == _rows(old.query(text, use_default_graph_as_union=True))
    assert now and now != {False}, f"{title} finds nothing on the seeds and the ACLED file"


# The two examples that matched each event with its article's own copy of the descriptions, as
# they were written before (README.md and the query page): the same answers as they are written now.
BEFORE = {
    "Events of an actor": """
SELECT DISTINCT ?date ?type ?targetName ?placeName ?sentence WHERE {
  GRAPH ?g {
    ?actor rdfs:label "Libyan National Army" .
    ?e ckg:actor ?actor ; ckg:action ?type ; ckg:evidence ?sentence .
    OPTIONAL { ?e ckg:date ?date }
    OPTIONAL { ?e ckg:target ?target . ?target rdfs:label ?targetName }
    OPTIONAL { ?e ckg:place ?place . ?place rdfs:label ?placeName }
  }
} ORDER BY ?date""",
    "Events near a place (lat/long box around Tripoli)": """
SELECT DISTINCT ?placeName ?date ?type ?sentence WHERE {
  GRAPH ?g {
    ?p wgs84:lat ?lat ; wgs84:long ?lon .
    FILTER(?lat > 32.4 && ?lat < 33.4 && ?lon > 12.7 && ?lon < 13.7)
    ?p rdfs:label ?placeName .
    ?e ckg:place ?p ; ckg:action ?type ; ckg:evidence ?sentence .
    OPTIONAL { ?e ckg:date ?date }
  }
} ORDER BY ?date"""}


@pytest.mark.parametrize("title", sorted(BEFORE))
def test_docs_examples_rewritten_ones_answer_as_before(stores, title):
    store, old = stores
    prefixes = dict(EXAMPLE_QUERIES)[title].split("\nSELECT", 1)[0]
    body = store.query(dict(EXAMPLE_QUERIES)[title], "json")
    now = _rows(ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON))
    assert now and now == _rows(old.query(prefixes + BEFORE[title], use_default_graph_as_union=True))
