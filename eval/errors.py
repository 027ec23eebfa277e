"""Errors by class: what the extractor misses, invents and gets wrong, against a gold file.

    python eval/errors.py --gold GOLD.jsonl --system SYSTEM.jsonl [--show miss,fp,slot] [--limit N]
    python eval/errors.py --acled ACLED.csv --system SYSTEM.jsonl [--show type,place,date,actor]

Uses the shared scorer's matching (`../shared/eval/score.py`), so a "miss" here is a miss there.
It prints counts per class first, then examples; dev texts are read at run time, never stored.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
for candidate in (HERE.parents[1] / "shared" / "eval", HERE.parent.parent / "shared" / "eval"):
    if (candidate / "score.py").exists():
        sys.path.insert(0, str(candidate))
        break
import score as S  # noqa: E402


def _label(value) -> str | None:
    return S.label_of(value)


def gold_report(gold_path: str, system_path: str, show: set[str], limit: int) -> None:
    gold = S.load_jsonl(gold_path)
    by_article = defaultdict(list)
    for event in S.load_jsonl(system_path):
        by_article[str(event.get("article"))].append(event)
    counts = Counter()
    examples = defaultdict(list)
    for article in gold:
        aid = str(article["id"])
        g_events, s_events = article.get("events", []), by_article.get(aid, [])
        pairs = S.match_article(g_events, s_events)
        matched_g = {gi for gi, _, _ in pairs}
        matched_s = {si for _, si, _ in pairs}
        for side, events, matched, others, (typed, alone) in (
                ("miss", g_events, matched_g, s_events, ("wrong type", "nothing in sentence")),
                ("fp", s_events, matched_s, g_events, ("wrong type", "no gold in sentence"))):
            for i, event in enumerate(events):
                if i in matched:
                    continue
                same = [o for o in others if S.same_sentence(event.get("sentence"), o.get("sentence"))]
                kind = f"{side}: {typed if same else alone}"
                counts[kind] += 1
                counts[f"{side} by type: {event['action']}"] += 1
                examples[kind].append((aid, event, same))
        for gi, si, agree in pairs:
            for slot, ok in agree.items():
                if not ok:
                    g, s = g_events[gi], s_events[si]
                    sys_value = _label(s.get(slot)) if slot != "date" else s.get(slot)
                    if not g.get(slot):
                        sub = "spurious"
                    elif not sys_value:
                        sub = "missing"
                    else:
                        sub = "wrong"
                    counts[f"slot {slot}: {sub}"] += 1
                    examples[f"slot {slot}: {sub}"].append((aid, g, [s]))
    for key, n in sorted(counts.items()):
        print(f"{n:4d}  {key}")
    for key, items in sorted(examples.items()):
        if not any(key.startswith(prefix) or key.split(":")[0].split()[-1] in show for prefix in show):
            continue
        print(f"\n=== {key} ({len(items)})")
        for aid, event, related in items[:limit]:
            print(f"- [{aid}] {event.get('action')} actor={_label(event.get('actor'))!r} "
                  f"target={_label(event.get('target'))!r} place={_label(event.get('place'))!r} "
                  f"date={event.get('date')} trigger={event.get('trigger')!r}")
            print(f"    {event.get('sentence')[:300]}")
            if event.get("note"):
                print(f"    note: {event['note'][:200]}")
            for r in related[:3]:
                print(f"    ~ {r.get('action')} actor={_label(r.get('actor'))!r} target={_label(r.get('target'))!r}"
                      f" place={_label(r.get('place'))!r} date={r.get('date')} trigger={r.get('trigger')!r}")


def acled_report(csv_path: str, system_path: str, show: set[str], limit: int) -> None:
    sys.path.insert(0, str(Path(S.__file__).parent))
    import acled_notes as A  # noqa: E402

    by = defaultdict(list)
    for event in S.load_jsonl(system_path):
        by[str(event.get("article"))].append(event)
    counts = Counter()
    examples = defaultdict(list)
    for row in csv.DictReader(open(csv_path, encoding="utf-8")):
        accept = A.ACCEPT.get(row["sub_event_type"])
        if accept is None or not row.get("notes"):
            continue
        events = by.get(row["event_id_cnty"], [])
        hits = [e for e in events if (e.get("action") or "").upper() in accept]
        counts["rows"] += 1
        if not hits:
            kind = "type: none" if not events else "type: other type"
            counts[kind] += 1
            counts[f"type miss: {row['sub_event_type']}"] += 1
            examples["type"].append((row, events))
            continue
        if not any(A.place_ok(e, row) for e in hits):
            counts["place: none" if not any(e.get("place") for e in hits) else "place: wrong"] += 1
            examples["place"].append((row, hits))
        if not any(e.get("date") == A.iso(row["event_date"]) for e in hits):
            counts["date: none" if not any(e.get("date") for e in hits) else "date: wrong"] += 1
            examples["date"].append((row, hits))
        names = [n for n in A.actor_names(row) if n.lower() in row["notes"].lower()]
        if names and not any(S.names_match(_label(e.get(s)), names) for e in hits for s in ("actor", "target")
                             if _label(e.get(s))):
            counts["actor: wrong or none"] += 1
            examples["actor"].append((row, hits))
    for key, n in sorted(counts.items()):
        print(f"{n:4d}  {key}")
    for key in sorted(show):
        print(f"\n=== {key} ({len(examples[key])})")
        for row, events in examples[key][:limit]:
            print(f"- [{row['event_id_cnty']}] {row['sub_event_type']} | {row['actor1']} -> {row['actor2']} | "
                  f"{row['location']}, {row['admin1']} ({row['latitude']},{row['longitude']}) {row['event_date']}")
            print(f"    {A.clean(row['notes'])[:400]}")
            for e in events[:4]:
                p = e.get("place") or {}
                print(f"    ~ {e.get('action')} actor={_label(e.get('actor'))!r} target={_label(e.get('target'))!r} "
                      f"place={_label(p)!r}({p.get('country') if isinstance(p, dict) else ''}) "
                      f"date={e.get('date')} trigger={e.get('trigger')!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold")
    parser.add_argument("--acled")
    parser.add_argument("--system", required=True)
    parser.add_argument("--show", default="", help="comma-separated classes to print examples of")
    parser.add_argument("--limit", type=int, default=15)
    args = parser.parse_args(argv)
    show = {s.strip() for s in args.show.split(",") if s.strip()}
    if args.acled:
        acled_report(args.acled, args.system, show, args.limit)
    else:
        gold_report(args.gold, args.system, show, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
