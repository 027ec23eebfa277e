"""Scratch builder for eval/team2 (removed after generating the jsonl files)."""
import datetime as dt
import json
import re

ARTICLES = []
GOLD = []
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spans(text):
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line, base = m.group(), m.start()
        start, j = 0, 0
        while j < len(line):
            if line[j] in ".!?":
                k = j + 1
                while k < len(line) and line[k] in "\"”')":
                    k += 1
                if k < len(line) and line[k] == " ":
                    r = k
                    while r < len(line) and line[r] == " ":
                        r += 1
                    if r < len(line) and (line[r].isupper() or line[r].isdigit() or line[r] in "\"“‘("):
                        out.append((base + start, base + k))
                        start = j = r
                        continue
            j += 1
        out.append((base + start, base + len(line)))
    return out


class Article:
    def __init__(self, aid, pub, outlet, dateline, title, text):
        self.aid, self.pub = aid, dt.date.fromisoformat(pub)
        self.text = text.strip("\n")
        self.events = []
        ARTICLES.append({"id": aid, "pub_date": pub, "outlet": outlet, "dateline": dateline,
                         "title": title, "text": self.text})
        GOLD.append({"id": aid, "events": self.events})

    def wd(self, name, before=0):
        """most recent `name` weekday on or before pub (same day included)"""
        target = WEEKDAYS.index(name)
        day = self.pub
        while day.weekday() != target:
            day -= dt.timedelta(days=1)
        return (day - dt.timedelta(days=before)).isoformat()

    def rel(self, n):
        return (self.pub - dt.timedelta(days=n)).isoformat()

    def sentence(self, frag):
        n = self.text.count(frag)
        assert n == 1, (self.aid, frag, n)
        pos = self.text.find(frag)
        for s, e in spans(self.text):
            if s <= pos and pos + len(frag) <= e:
                return self.text[s:e]
        raise AssertionError((self.aid, "fragment crosses a sentence boundary", frag))

    def ev(self, actor, actor_aliases, action, trigger, target, target_aliases, place, date, frag,
           note=None):
        sent = self.sentence(frag)
        assert trigger in sent, (self.aid, trigger)
        for a in actor_aliases + target_aliases:
            assert a in self.text, (self.aid, a)
        e = {"actor": actor, "actor_aliases": actor_aliases, "action": action, "trigger": trigger,
             "target": target, "target_aliases": target_aliases, "place": place, "date": date,
             "sentence": sent}
        if note:
            e["note"] = note
        self.events.append(e)


def write():
    with open("articles.jsonl", "w", encoding="utf-8") as fh:
        for a in ARTICLES:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open("gold.jsonl", "w", encoding="utf-8") as fh:
        for g in GOLD:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
