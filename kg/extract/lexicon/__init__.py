"""Event lexicon: verb senses and event nouns typed with PLOVER and CAMEO (see README.md)."""

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PLOVER_CAMEO", "OBJECT_CLASSES", "SUBJECT_CLASSES", "SUBJECT_KINDS", "OCCURRENCE_VERBS",
           "OCCURRENCE_HEADS", "LIGHT_VERBS", "Action", "Lexicon", "LexiconError", "subject_class"]

PLOVER_CAMEO: dict[str, tuple[str, ...]] = {
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "CONCEDE": ("08",),
    "COOPERATE": ("06",), "AID": ("07",), "RETREAT": ("08",), "REQUEST": ("02", "10"),
    "ACCUSE": ("11", "09"), "REJECT": ("12",), "THREATEN": ("13",), "PROTEST": ("14",),
    "SANCTION": ("16",), "MOBILIZE": ("15",), "COERCE": ("17",), "ASSAULT": ("18", "19", "20"),
}
OBJECT_CLASSES = ("person", "place", "aid", "weapon", "troops", "sanction", "event-order")
#: Values of the ``subject`` column besides ``-``: who does the act (README, "The subject column").
SUBJECT_CLASSES = ("armed", "civil")
#: Actor kinds (``kg.model.ACTOR_KINDS``) and the subject class they make; other kinds are unknown.
SUBJECT_KINDS: dict[str, str] = {"state_force": "armed", "armed_group": "armed",
                                 "civilians": "civil", "media": "civil", "other": "civil"}
#: Verbs whose subject event noun simply happens ("clashes erupted", "a blast rocked the city",
#: "shells fell", "the strike left 10 dead"); they select ``@`` noun rows. Multi-word entries
#: need their particle or object ("break out", "take place"); ``rag`` is the model's lemma of
#: "raged", ``report`` the passive "clashes were reported".
OCCURRENCE_VERBS = frozenset(v.strip() for v in (
    "erupt, break out, flare, flare up, take place, occur, happen, unfold, hit, strike, pound, kill,"
    " wound, injure, maim, destroy, damage, flatten, level, raze, devastate, target, explode, go off,"
    " detonate, rock, shake, tear through, rip through, land, fall, rain down, resume, begin, start,"
    " continue, rage, rag, ensue, escalate, intensify, spread, sweep, engulf, leave, claim,"
    " cause, report").split(","))
#: The head lemma of every occurrence verb, for callers that do not check the particle or object.
OCCURRENCE_HEADS = frozenset(v.split()[0] for v in OCCURRENCE_VERBS)
#: Verbs too vague to code alone: each of their rows needs a prep, ``=noun`` or object.
LIGHT_VERBS = frozenset("say make take do go put give get have hold call set issue carry conduct"
                        " launch open release send".split())
VERB_HEADER = ("lemma", "prep", "object", "subject", "plover", "cameo", "note")
NOUN_HEADER = ("noun", "verbs", "plover", "cameo", "note")
_LEMMA = re.compile(r"[a-z][a-z'-]*")
_NOUN = re.compile(r"[a-z][a-z'-]*( [a-z][a-z'-]*)?")  # a lemma, or "compound head" ("sit in")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message starts with ``path:line:``."""


@dataclass(frozen=True)
class Action:
    """An event type: PLOVER category and CAMEO code (2-4 digits)."""
    plover: str
    cameo: str


def subject_class(kind: str | None) -> str | None:
    """The ``subject`` class of an actor kind: ``'armed'``, ``'civil'`` or ``None`` (unknown).

    >>> subject_class("state_force"), subject_class("civilians"), subject_class("government")
    ('armed', 'civil', None)
    """
    return SUBJECT_KINDS.get(kind) if kind else None


def _rows(path: Path, header: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """Yield ``("path:line", fields)`` per data row; ``#`` comments and blank lines skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != header:
        raise LexiconError(f"{path}:1: header must be {chr(9).join(header)!r}")
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() and not text.startswith("#"):
            fields = [field.strip() for field in text.split("\t")]
            if len(fields) != len(header):
                raise LexiconError(f"{path}:{number}: {len(fields)} columns, want {len(header)}")
            yield f"{path}:{number}", fields


def _action(where: str, plover: str, cameo: str) -> Action:
    """Validate a PLOVER type and a CAMEO code against ``PLOVER_CAMEO``."""
    if plover not in PLOVER_CAMEO:
        raise LexiconError(f"{where}: unknown PLOVER type {plover!r}")
    if not re.fullmatch(r"\d{2,4}", cameo) or cameo[:2] not in PLOVER_CAMEO[plover]:
        raise LexiconError(f"{where}: CAMEO {cameo!r} not under {plover} {PLOVER_CAMEO[plover]}")
    return Action(plover, cameo)


def _verb_row(where: str, lemma: str, prep: str, obj: str, subj: str) -> tuple:
    """Validate one verbs.tsv row's constraints; return (rank, preps, =nouns, objects, subject)."""
    alts = [] if prep == "-" else prep.split("|")
    objects = [] if obj == "-" else obj.split("|")
    if not _LEMMA.fullmatch(lemma) or not all(a.strip("=") for a in alts):
        raise LexiconError(f"{where}: bad lemma or prep {lemma!r} {prep!r}")
    if bad := [o for o in objects if o not in OBJECT_CLASSES]:
        raise LexiconError(f"{where}: unknown object class {bad[0]!r}")
    if subj != "-" and subj not in SUBJECT_CLASSES:
        raise LexiconError(f"{where}: unknown subject {subj!r}, want - or {'|'.join(SUBJECT_CLASSES)}")
    if lemma in LIGHT_VERBS and not (alts or objects):
        raise LexiconError(f"{where}: light verb {lemma!r} needs a prep, =noun or object")
    rank = 2 * (2 * bool(alts) + bool(objects)) + (subj != "-")
    return (rank, frozenset(a for a in alts if not a.startswith("=")),
            frozenset(a[1:] for a in alts if a.startswith("=")), frozenset(objects),
            None if subj == "-" else subj)


class Lexicon:
    """Verb senses and event nouns, loaded and validated from two TSV files."""

    def __init__(self, verbs: dict[str, list[tuple]], nouns: dict[str, dict[str, Action]]):
        """Wrap parsed tables (verb rows: rank, preps, =nouns, objects, subject, action)."""
        self._verbs, self._nouns = verbs, nouns

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "Lexicon":
        """Read ``verbs.tsv`` and ``nouns.tsv`` from *directory* (default: this package).

        :raises LexiconError: naming file and line of the first invalid row.
        """
        folder = Path(directory) if directory is not None else Path(__file__).parent
        verbs: dict[str, dict[tuple[str, str, str], tuple]] = {}
        for where, (lemma, prep, obj, subj, plover, cameo, _) in _rows(folder / "verbs.tsv", VERB_HEADER):
            row = _verb_row(where, lemma, prep, obj, subj)
            if (prep, obj, subj) in verbs.setdefault(lemma, {}):
                raise LexiconError(f"{where}: duplicate row {lemma!r} {prep!r} {obj!r} {subj!r}")
            verbs[lemma][prep, obj, subj] = (*row, _action(where, plover, cameo))
        nouns: dict[str, dict[str, Action]] = {}
        for where, (noun, verb_field, plover, cameo, _) in _rows(folder / "nouns.tsv", NOUN_HEADER):
            keys = [key.strip() for key in verb_field.split("|")]
            if not _NOUN.fullmatch(noun) or verb_field == "-" or not all(keys):
                raise LexiconError(f"{where}: bad noun or verbs {noun!r} {verb_field!r}")
            action, table = _action(where, plover, cameo), nouns.setdefault(noun, {})
            for key in keys:
                if key in table:
                    raise LexiconError(f"{where}: {noun!r} with {key!r} is already coded")
                table[key] = action
        return cls({lemma: list(rows.values()) for lemma, rows in verbs.items()}, nouns)

    def verb(self, lemma: str, *, preps: Iterable[str] = (), obj_class: str | None = None,
             obj_lemma: str | None = None, subj_class: str | None = None) -> Action | None:
        """Code a verb from its lemma, particles/prepositions, direct object and subject class.

        *subj_class* is ``'armed'``, ``'civil'`` or ``None`` (unknown: only ``-`` subject rows
        match). The most specific matching row wins (README, "Choosing a sense"); among equals,
        the first in the file. ``None`` if no row fits.

        :raises ValueError: if *subj_class* is not ``None`` or one of ``SUBJECT_CLASSES``.
        """
        if subj_class is not None and subj_class not in SUBJECT_CLASSES:
            raise ValueError(f"subj_class {subj_class!r} is not None or one of {SUBJECT_CLASSES}")
        present = {p.lower() for p in preps}
        noun = obj_lemma.lower() if obj_lemma else None
        best: tuple[int, Action | None] = (-1, None)
        for rank, row_preps, row_nouns, objects, subject, action in self._verbs.get(lemma.lower(), ()):
            if (row_preps or row_nouns) and not (row_preps & present or noun in row_nouns):
                continue
            if subject is not None and subject != subj_class:
                continue
            if (not objects or obj_class in objects) and rank > best[0]:
                best = (rank, action)
        return best[1]

    def _table(self, lemma: str, compound: str | None) -> dict[str, Action]:
        """The rows of ``"compound lemma"`` if that compound has rows, else those of *lemma*."""
        lemma = lemma.lower()
        if compound and (rows := self._nouns.get(f"{compound.lower()} {lemma}")):
            return rows
        return self._nouns.get(lemma, {})

    def noun(self, lemma: str, verb_lemma: str | None = None, *,
             compound: str | None = None) -> Action | None:
        """Code an event noun governed by *verb_lemma* (multi-word verbs as ``"carry out"``).

        A row naming the verb wins; then ``@`` if the verb is ``None`` (noun standing
        alone) or in ``OCCURRENCE_VERBS``; then ``*``. With *compound* (the lemma of the
        ``compound`` or ``amod`` modifier just before the noun: "artillery" in "artillery
        fire", "general" in "general strike") the rows of the compound noun are used when
        it has any. ``None`` if nothing fits.
        """
        table = self._table(lemma, compound)
        verb = verb_lemma.lower() if verb_lemma else None
        keys = [verb] if verb else []
        keys += ["@", "*"] if verb is None or verb in OCCURRENCE_VERBS else ["*"]
        return next((table[key] for key in keys if key in table), None)

    def carried_out(self, lemma: str, *, compound: str | None = None) -> Action | None:
        """The noun's sense under a verb that carries out any event ("conducted an operation"):
        its stand-alone row, else its first row."""
        table = self._table(lemma, compound)
        return self.noun(lemma, None, compound=compound) or next(iter(table.values()), None)

    def names_verb(self, lemma: str, verb_lemma: str, *, compound: str | None = None) -> bool:
        """Whether a row of the noun names *verb_lemma* itself ("launch" for attack), not via ``@``/``*``."""
        return verb_lemma.lower() in self._table(lemma, compound).keys() - {"@", "*"}

    def has_compound(self, lemma: str, compound: str) -> bool:
        """Whether ``"compound lemma"`` has rows of its own ("joint exercise")."""
        return f"{compound.lower()} {lemma.lower()}" in self._nouns

    def is_event_noun(self, lemma: str, *, compound: str | None = None) -> bool:
        """Whether *lemma* (or ``"compound lemma"``) has a row in ``nouns.tsv``."""
        return bool(self._table(lemma, compound))

    @functools.cached_property
    def verbs_known(self) -> frozenset[str]:
        """Verb lemmas with a row in verbs.tsv or named as a support verb in nouns.tsv."""
        support = {key.split()[0] for table in self._nouns.values() for key in table
                   if key not in ("@", "*")}
        return frozenset(self._verbs) | support

    def verbs_for(self, plover: str) -> list[str]:
        """Sorted verb lemmas with at least one row of type *plover*."""
        return sorted(lemma for lemma, rows in self._verbs.items()
                      if any(row[-1].plover == plover for row in rows))
