"""Actor listings: search by name, one actor's description, the actors it shares events with."""
from __future__ import annotations

from ..mapping.namespaces import CKG, KIND_NAMES
from ..store import Store
from .select import ALT, COMMANDS, COUNTRY, KIND, LABEL, LEADS, MEMBER, TYPE, describe, iri, select, values

__all__ = ["search_actors", "actor", "actor_links"]


def _actor_row(row: dict) -> dict:
    return {"iri": row["actor"], "id": row["actor"].rsplit("/", 1)[-1], "label": row.get("label"),
            "kind": KIND_NAMES.get(row.get("kind", ""), "other"), "country": row.get("country"),
            "events": int(row.get("events", 0))}


def search_actors(store: Store, q: str = "", *, limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors whose label or an alias contains `q` (case-insensitive), most events first."""
    rows = select(store, f"""
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?k) AS ?kind) (SAMPLE(?c) AS ?country)
       (COALESCE(SAMPLE(?n), 0) AS ?events)
WHERE {{
  {{ SELECT DISTINCT ?actor ?l ?k ?c WHERE {{
    {values("q", [(q or "").strip()])}
    ?actor a ckg:Actor ; rdfs:label ?l .
    OPTIONAL {{ ?actor ckg:kind ?k }} OPTIONAL {{ ?actor ckg:country ?c }}
    FILTER(?q = "" || CONTAINS(LCASE(?l), LCASE(?q))
           || EXISTS {{ ?actor skos:altLabel ?alt FILTER(CONTAINS(LCASE(?alt), LCASE(?q))) }})
  }} }}
  OPTIONAL {{ SELECT ?actor (COUNT(DISTINCT ?event) AS ?n) WHERE {{
    GRAPH ?h {{ {{ ?event ckg:actor ?actor }} UNION {{ ?event ckg:target ?actor }} }}
  }} GROUP BY ?actor }}
}} GROUP BY ?actor ORDER BY DESC(?events) ?label LIMIT {int(limit)} OFFSET {int(offset)}""")
    return [_actor_row(r) for r in rows]


def actor(store: Store, iri_: str) -> dict | None:
    """An actor's label, kind, country, aliases and the actors it is a member of, leads and commands
    (`member_of`, `leads`, `commands`); None if unknown."""
    props = describe(store, [iri_], [TYPE, LABEL, KIND, COUNTRY, ALT, MEMBER, LEADS, COMMANDS]).get(iri_, {})
    if not props.get(LABEL) or str(CKG.Actor) not in props.get(TYPE, []):
        return None
    out = _actor_row({"actor": iri_, "label": props[LABEL][0], "kind": (props.get(KIND) or [""])[0],
                      "country": (props.get(COUNTRY) or [None])[0]})
    del out["events"]
    out["aliases"] = sorted(set(props.get(ALT, [])))
    linked = {key: sorted(set(props.get(prop, []))) for key, prop in
              (("member_of", MEMBER), ("leads", LEADS), ("commands", COMMANDS))}
    labels = describe(store, {m for found in linked.values() for m in found}, [LABEL])
    for key, found in linked.items():
        out[key] = [{"iri": m, "label": (labels.get(m, {}).get(LABEL) or [None])[0]} for m in found]
    return out


def actor_links(store: Store, iri_: str, *, limit: int = 50) -> list[dict]:
    """Actors that share events with an actor (as its actor or target), most shared events first."""
    rows = select(store, f"""
SELECT ?other (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?event) AS ?events) WHERE {{
  {values("actor", [iri(iri_)])}
  GRAPH ?g {{
    {{ ?event ckg:actor ?actor ; ckg:target ?other }} UNION {{ ?event ckg:target ?actor ; ckg:actor ?other }}
  }}
  OPTIONAL {{ ?other rdfs:label ?l }}
  FILTER(?other != ?actor)
}} GROUP BY ?other ORDER BY DESC(?events) ?label LIMIT {int(limit)}""")
    return [{"iri": r["other"], "id": r["other"].rsplit("/", 1)[-1], "label": r.get("label"),
             "events": int(r["events"])} for r in rows]
