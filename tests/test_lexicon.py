"""Tests for kg.extract.lexicon: the shipped verb/noun tables and their loader."""

from pathlib import Path

import pytest

import kg.extract.lexicon
from kg.extract.lexicon import PLOVER_CAMEO, Action, Lexicon, LexiconError

LEXICON_DIR = Path(kg.extract.lexicon.__file__).parent

VERB_HEADER = "lemma\tprep\tobject\tplover\tcameo\tnote\n"
NOUN_HEADER = "noun\tverbs\tplover\tcameo\tnote\n"


@pytest.fixture(scope="module")
def lexicon():
    """The lexicon shipped with the package."""
    return Lexicon.load()


def write_lexicon(directory, verbs="", nouns=""):
    """Write a small verbs.tsv/nouns.tsv pair into *directory*."""
    (directory / "verbs.tsv").write_text(VERB_HEADER + verbs, encoding="utf-8")
    (directory / "nouns.tsv").write_text(NOUN_HEADER + nouns, encoding="utf-8")
    return directory


def test_lexicon_shipped_files_load(lexicon):
    assert lexicon.verb("attack") == Action("ASSAULT", "190")
    assert lexicon.is_event_noun("airstrike")
    assert not lexicon.is_event_noun("table")


@pytest.mark.parametrize("plover", sorted(PLOVER_CAMEO))
def test_lexicon_every_category_has_five_verb_rows(lexicon, plover):
    lines = (LEXICON_DIR / "verbs.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert sum(row[3] == plover for row in rows) >= 5
    assert len(lexicon.verbs_for(plover)) >= 2


VERB_CASES = [
    # (lemma, preps, object class, object lemma) -> PLOVER
    ("attack", [], "place", None, "ASSAULT"),
    ("shell", [], None, None, "ASSAULT"),
    ("take", [], None, "control", "ASSAULT"),
    ("capture", [], "person", None, "ASSAULT"),
    ("mobilize", [], None, None, "MOBILIZE"),
    ("send", [], "troops", None, "MOBILIZE"),
    ("order", [], "event-order", None, "MOBILIZE"),
    ("arrest", [], "person", None, "COERCE"),
    ("disperse", [], None, None, "COERCE"),
    ("impose", [], "sanction", "curfew", "COERCE"),
    ("protest", [], None, None, "PROTEST"),
    ("rally", [], None, None, "PROTEST"),
    ("threaten", [], None, None, "THREATEN"),
    ("warn", [], None, None, "THREATEN"),
    ("accuse", [], "person", None, "ACCUSE"),
    ("condemn", [], None, None, "ACCUSE"),
    ("call", ["on"], "person", None, "REQUEST"),
    ("urge", [], None, None, "REQUEST"),
    ("reject", [], None, None, "REJECT"),
    ("veto", [], None, None, "REJECT"),
    ("agree", ["to"], None, None, "AGREE"),
    ("strike", [], None, "deal", "AGREE"),
    ("meet", ["with"], "person", None, "CONSULT"),
    ("hold", [], None, "talk", "CONSULT"),
    ("praise", [], None, None, "SUPPORT"),
    ("endorse", [], None, None, "SUPPORT"),
    ("cooperate", [], None, None, "COOPERATE"),
    ("share", [], None, "intelligence", "COOPERATE"),
    ("send", [], "aid", None, "AID"),
    ("deliver", [], "weapon", None, "AID"),
    ("release", [], "person", None, "CONCEDE"),
    ("step", ["down"], None, None, "CONCEDE"),
    ("withdraw", [], "troops", None, "RETREAT"),
    ("pull", ["out"], None, None, "RETREAT"),
    ("impose", [], "sanction", "sanction", "SANCTION"),
    ("expel", [], "person", "ambassador", "SANCTION"),
]


@pytest.mark.parametrize("lemma, preps, obj_class, obj_lemma, plover", VERB_CASES,
                         ids=[f"{c[0]}-{'+'.join(c[1]) or c[3] or c[2] or 'bare'}-{c[4]}"
                              for c in VERB_CASES])
def test_lexicon_verb_sense(lexicon, lemma, preps, obj_class, obj_lemma, plover):
    action = lexicon.verb(lemma, preps=preps, obj_class=obj_class, obj_lemma=obj_lemma)
    assert action is not None and action.plover == plover
    assert action.cameo[:2] in PLOVER_CAMEO[plover]


def test_lexicon_verb_cases_cover_every_category():
    covered = {}
    for case in VERB_CASES:
        covered.setdefault(case[-1], set()).add(case[0])
    assert {p for p, lemmas in covered.items() if len(lemmas) >= 2} == set(PLOVER_CAMEO)


@pytest.mark.parametrize("lemma, preps, obj_class, obj_lemma", [
    ("eat", [], None, None),
    ("say", [], None, None),
    ("call", [], None, None),
    ("call", [], "person", None),
    ("take", [], None, None),
    ("make", [], None, "decision"),
    ("send", [], None, "letter"),
], ids=["eat", "say-bare", "call-bare", "call-person", "take-bare", "make-decision", "send-letter"])
def test_lexicon_verb_unknown_or_vague_is_none(lexicon, lemma, preps, obj_class, obj_lemma):
    assert lexicon.verb(lemma, preps=preps, obj_class=obj_class, obj_lemma=obj_lemma) is None


def test_lexicon_verb_prep_row_beats_bare_row(lexicon):
    assert lexicon.verb("rally").plover == "PROTEST"
    assert lexicon.verb("rally", preps=["behind"]).plover == "SUPPORT"
    assert lexicon.verb("call", preps=["up"]).plover == "MOBILIZE"


def test_lexicon_verb_lookup_ignores_case(lexicon):
    assert lexicon.verb("Attack", preps=["ON"]) == lexicon.verb("attack")


@pytest.mark.parametrize("noun, verb, plover", [
    ("offensive", "declare", "MOBILIZE"),
    ("offensive", "launch", "ASSAULT"),
    ("offensive", None, "ASSAULT"),
    ("clash", None, "ASSAULT"),
    ("clash", "erupt", "ASSAULT"),
    ("airstrike", "carry out", "ASSAULT"),
    ("meeting", "hold", "CONSULT"),
    ("talk", "hold", "CONSULT"),
    ("ceasefire", "sign", "AGREE"),
    ("request", None, "REQUEST"),
    ("protest", "stage", "PROTEST"),
    ("protest", "lodge", "ACCUSE"),
    ("arrest", "make", "COERCE"),
    ("ultimatum", "issue", "THREATEN"),
    ("withdrawal", "announce", "RETREAT"),
    ("sanction", "lift", "CONCEDE"),
], ids=lambda value: value or "alone")
def test_lexicon_noun_sense(lexicon, noun, verb, plover):
    assert lexicon.noun(noun, verb).plover == plover


@pytest.mark.parametrize("noun, verb", [
    ("meeting", "cancel"), ("ceasefire", None), ("offensive", "discuss"), ("table", "hold"),
], ids=["meeting-cancel", "ceasefire-alone", "offensive-discuss", "not-an-event-noun"])
def test_lexicon_noun_without_matching_row_is_none(lexicon, noun, verb):
    assert lexicon.noun(noun, verb) is None


def test_lexicon_load_from_directory(tmp_path):
    lex = Lexicon.load(write_lexicon(tmp_path, "pound\t-\t-\tASSAULT\t194\tartillery\n",
                                     "barrage\tfire|@\tASSAULT\t19\tbarrage\n"))
    assert lex.verb("pound") == Action("ASSAULT", "194")
    assert lex.noun("barrage", None) == Action("ASSAULT", "19")
    assert lex.verbs_for("ASSAULT") == ["pound"]


@pytest.mark.parametrize("verbs, nouns, line, message", [
    ("attack\t-\t-\tBOMB\t19\tx\n", "", 2, "unknown PLOVER type 'BOMB'"),
    ("# comment\nattack\t-\t-\tASSAULT\t04\tx\n", "", 3, "CAMEO '04'"),
    ("attack\t-\t-\tASSAULT\t19x\tx\n", "", 2, "CAMEO '19x'"),
    ("attack\t-\t-\tASSAULT\t19\n", "", 2, "5 columns, want 6"),
    ("attack\t-\tvehicle\tASSAULT\t19\tx\n", "", 2, "unknown object class 'vehicle'"),
    ("\t-\t-\tASSAULT\t19\tx\n", "", 2, "bad lemma"),
    ("say\t-\t-\tTHREATEN\t13\tx\n", "", 2, "light verb 'say'"),
    ("hit\t-\t-\tASSAULT\t19\tx\nhit\t-\t-\tASSAULT\t18\ty\n", "", 3, "duplicate row"),
    ("", "clash\t\tASSAULT\t19\tx\n", 2, "bad noun or verbs"),
    ("", "clash\t@\tASSAULT\t19\tx\nclash\t@|fight\tASSAULT\t19\ty\n", 3, "already coded"),
    ("", "talks\thold\tCONSULT\t14\tx\n", 2, "CAMEO '14'"),
], ids=["bad-plover", "bad-cameo-root", "bad-cameo-digits", "column-count", "bad-object",
        "empty-lemma", "bare-light-verb", "duplicate-verb-row", "noun-without-verb",
        "duplicate-noun-verb", "noun-bad-cameo"])
def test_lexicon_malformed_file_names_line(tmp_path, verbs, nouns, line, message):
    write_lexicon(tmp_path, verbs, nouns)
    name = "verbs.tsv" if verbs else "nouns.tsv"
    with pytest.raises(LexiconError, match=rf"{name}:{line}: .*{message}") as info:
        Lexicon.load(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_lexicon_bad_header_is_rejected(tmp_path):
    (tmp_path / "verbs.tsv").write_text("lemma\tplover\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"verbs\.tsv:1: header"):
        Lexicon.load(tmp_path)


def test_lexicon_verbs_known_includes_support_verbs(lexicon):
    known = lexicon.verbs_known
    assert {"attack", "call", "carry", "wage"} <= known
    assert "eat" not in known
