"""`kg events`: list the stored events from the shell, with the filters of `/api/events`.

It opens the store read-only when `kg serve` holds it (see `kg.graph.cli`), so an analyst with
the browser open can still list events. Output: an aligned table (default), JSON, JSON Lines or
CSV (formula characters neutralised, `kg.text.csv_cell`).
"""
from __future__ import annotations

import csv
import json
import sys

import click

from .config import Settings
from .errors import KGError

__all__ = ["events"]

FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = ("id", "date", "type", "actor", "target", "place", "source", "confidence", "sentence", "iri")


def _actor_iri(store, name: str) -> str:
    """The IRI of the actor `name` names: an IRI, an id ('libyan-national-army'), or a label or
    alias (compared as `kg.graph.lookup.normalise` does); several or none is an error."""
    from . import queries
    from .graph.lookup import normalise
    from .mapping.namespaces import ID

    if name.startswith(("http://", "https://")):
        return name
    try:
        if queries.actor(store, f"{ID}actor/{name}") is not None:
            return f"{ID}actor/{name}"
    except ValueError:
        pass  # not an id ('Libyan National Army'): a label or an alias
    found = queries.search_actors(store, name, limit=5)
    exact = [a for a in found if normalise(a["label"] or "") == normalise(name)]
    if exact or len(found) == 1:
        return (exact or found)[0]["iri"]
    if found:
        raise click.ClickException(f"--actor {name!r} names several actors: "
                                   + ", ".join(a["label"] or a["id"] for a in found) + "; give one of them")
    raise click.ClickException(f"--actor: no actor {name!r} in the store (try `kg query` or /api/actors?q=)")


def _label(value) -> str:
    return (value or {}).get("label") or "" if isinstance(value, dict) else ""


def _labels(parties) -> str:
    """Every party's label, '; '-joined (a joint act has several)."""
    return "; ".join(filter(None, map(_label, parties or ())))


def _row(e: dict) -> dict:
    return {"id": e["id"], "date": e.get("date") or "", "type": e["type"], "actor": _labels(e.get("actors")),
            "target": _labels(e.get("targets")), "place": _label(e.get("place")), "source": e.get("source") or "",
            "confidence": "" if e.get("confidence") is None else e["confidence"],
            "sentence": e.get("evidence") or "", "iri": e["iri"]}


def _print(items: list[dict], total: int, fmt: str, offset: int) -> None:
    if fmt == "json":
        click.echo(json.dumps({"total": total, "offset": offset, "events": items}, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for e in items:
            click.echo(json.dumps(e, ensure_ascii=False))
    elif fmt == "csv":
        from .text import csv_cell

        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for e in items:
            row = _row(e)
            writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    else:
        for e in items:
            r = _row(e)
            parties = r["actor"] or "—"
            if r["target"]:
                parties += f" → {r['target']}"
            click.echo(f"{r['date'] or 'undated':10s}  {r['type']:9s}  {parties}  @ {r['place'] or '—'}")
            if r["sentence"]:
                click.echo(f"            {r['sentence'][:160]}")
        shown = f"{offset + 1}–{offset + len(items)}" if items else "none"
        click.echo(f"({shown} of {total} event{'s' if total != 1 else ''})")


def _command():
    from .graph.options import STORE_OPTION, filter_options

    @click.command("events")
    @STORE_OPTION
    @filter_options(listing=True)
    @click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="How many events.")
    @click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="Skip this many first.")
    @click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(FORMATS))
    def events(store, filters, limit, offset, fmt):
        """List stored events by date (undated first), with the filters of /api/events.

        \b
        Examples:
          kg events --actor "Libyan National Army" --types ASSAULT --from 2019-04-01
          kg events --place Tripoli --format csv > tripoli.csv
        """
        from . import queries
        from .filters import Filters
        from .graph.options import open_existing

        kg_store = open_existing(store or Settings().store)
        try:
            if filters.get("actor"):
                filters["actor"] = _actor_iri(kg_store, filters["actor"])
            query = Filters.from_values(filters)
            items = queries.events(kg_store, query, limit=limit, offset=offset)
            total = queries.count_events(kg_store, query)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            kg_store.close()
        _print(items, total, fmt, offset)

    return events


events = _command()
