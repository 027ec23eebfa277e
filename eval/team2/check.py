#!/usr/bin/env python3
"""Mechanical checks of the second team-written evaluation set (eval/team2).

Usage (from /work/main):  .venv/bin/python eval/team2/check.py [DIR]

Checks that articles.jsonl and gold.jsonl line up one to one, that every `sentence` is a verbatim
sentence of its article, every `trigger` a substring of its sentence, every alias a verbatim
substring of the article, every date a valid ISO day not after the publication date, actions are
PLOVER top-level categories (each present at least twice), and that no article holds two events with
the same (actor, action, target, place, date) tuple. Prints counts; exits 1 on any error.
Standard library only.
"""
import datetime as dt
import json
import os
import sys
from collections import Counter

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ARTICLE_KEYS = {"id", "pub_date", "outlet", "dateline", "title", "text"}
EVENT_KEYS = {"actor", "actor_aliases", "action", "trigger", "target", "target_aliases", "place",
              "date", "sentence"}
OPTIONAL_EVENT_KEYS = {"note"}
SENTENCE_END = ('.', '!', '?', '"', '”', ')', "'")


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def iso_day(value):
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def check(directory):
    errors = []
    articles = load(os.path.join(directory, "articles.jsonl"))
    gold = load(os.path.join(directory, "gold.jsonl"))
    ids = [a.get("id") for a in articles]
    if len(set(ids)) != len(ids):
        errors.append("duplicate article ids")
    if ids != [g.get("id") for g in gold]:
        errors.append("articles.jsonl and gold.jsonl ids differ (or are in a different order)")
    by_id = {a["id"]: a for a in articles}
    actions = Counter()
    n_events = 0
    for art in articles:
        aid = art.get("id")
        if set(art) != ARTICLE_KEYS:
            errors.append(f"{aid}: article keys {sorted(set(art) ^ ARTICLE_KEYS)} differ from the spec")
        try:
            iso_day(art.get("pub_date"))
        except ValueError:
            errors.append(f"{aid}: bad pub_date {art.get('pub_date')!r}")
        words = len(art.get("text", "").split())
        if not 150 <= words <= 500:
            errors.append(f"{aid}: {words} words (expected 150-500)")
        if art.get("dateline") and art["dateline"] not in art["text"][:400]:
            errors.append(f"{aid}: dateline {art['dateline']!r} does not open the text")
    for record in gold:
        aid = record.get("id")
        art = by_id.get(aid)
        if art is None:
            errors.append(f"{aid}: gold for an unknown article")
            continue
        text = art["text"]
        pub = dt.date.fromisoformat(art["pub_date"])
        seen = set()
        for i, ev in enumerate(record.get("events", [])):
            where = f"{aid} #{i}"
            n_events += 1
            keys = set(ev)
            if not EVENT_KEYS <= keys or keys - EVENT_KEYS - OPTIONAL_EVENT_KEYS:
                errors.append(f"{where}: keys {sorted(keys)}")
                continue
            actions[ev["action"]] += 1
            if ev["action"] not in PLOVER:
                errors.append(f"{where}: action {ev['action']!r} is not a PLOVER category")
            sent = ev["sentence"]
            pos = text.find(sent) if isinstance(sent, str) and sent else -1
            if pos < 0:
                errors.append(f"{where}: sentence is not a verbatim substring of the article")
            else:
                before = text[:pos].rstrip(" ")
                if before and not (before.endswith("\n") or before[-1] in SENTENCE_END
                                   or before.endswith(("•", "-"))):
                    errors.append(f"{where}: sentence does not start at a sentence boundary")
                if not sent.rstrip().endswith(SENTENCE_END):
                    errors.append(f"{where}: sentence does not end like a sentence")
            if not ev["trigger"] or ev["trigger"] not in (sent or ""):
                errors.append(f"{where}: trigger {ev['trigger']!r} not in its sentence")
            for slot in ("actor", "target"):
                aliases = ev[f"{slot}_aliases"]
                if not isinstance(aliases, list):
                    errors.append(f"{where}: {slot}_aliases is not a list")
                    continue
                if ev[slot] is None and aliases:
                    errors.append(f"{where}: {slot} is null but has aliases")
                if ev[slot] is not None and not (isinstance(ev[slot], str) and ev[slot].strip()):
                    errors.append(f"{where}: empty {slot}")
                for alias in aliases:
                    if not isinstance(alias, str) or not alias or alias not in text:
                        errors.append(f"{where}: {slot} alias {alias!r} not verbatim in the article")
            if ev["place"] is not None and not (isinstance(ev["place"], str) and ev["place"].strip()):
                errors.append(f"{where}: empty place")
            if ev["date"] is not None:
                try:
                    day = iso_day(ev["date"])
                    if day > pub:
                        errors.append(f"{where}: date {ev['date']} after publication {art['pub_date']}")
                except ValueError:
                    errors.append(f"{where}: bad date {ev['date']!r}")
            key = (ev["actor"], ev["action"], ev["target"], ev["place"], ev["date"])
            if key in seen:
                errors.append(f"{where}: duplicate tuple {key}")
            seen.add(key)
    for action in sorted(PLOVER):
        if actions[action] < 2:
            errors.append(f"PLOVER category {action} occurs {actions[action]} time(s) (< 2)")
    print(f"{len(articles)} articles, {n_events} gold events")
    print("events per action: " + ", ".join(f"{k} {v}" for k, v in sorted(actions.items())))
    for error in errors:
        print("ERROR", error)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return not errors


if __name__ == "__main__":
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    sys.exit(0 if check(here) else 1)
