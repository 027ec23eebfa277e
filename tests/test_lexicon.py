"""Tests for kg.extract.lexicon: the shipped verb/noun tables and their loader."""

from pathlib import Path

import pytest

import kg.extract.lexicon
from kg.extract.lexicon import (OCCURRENCE_HEADS, OCCURRENCE_VERBS, PLOVER_CAMEO, SUBJECT_KINDS, Action,
                                Lexicon, LexiconError, subject_class)

LEXICON_DIR = Path(kg.extract.lexicon.__file__).parent

VERB_HEADER = "lemma\tprep\tobject\tsubject\tplover\tcameo\tnote\n"
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
    assert sum(row[4] == plover for row in rows) >= 10
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
    lex = Lexicon.load(write_lexicon(tmp_path, "pound\t-\t-\t-\tASSAULT\t194\tartillery\n",
                                     "barrage\tfire|@\tASSAULT\t19\tbarrage\n"))
    assert lex.verb("pound") == Action("ASSAULT", "194")
    assert lex.noun("barrage", None) == Action("ASSAULT", "19")
    assert lex.verbs_for("ASSAULT") == ["pound"]


@pytest.mark.parametrize("verbs, nouns, line, message", [
    ("attack\t-\t-\t-\tBOMB\t19\tx\n", "", 2, "unknown PLOVER type 'BOMB'"),
    ("# comment\nattack\t-\t-\t-\tASSAULT\t04\tx\n", "", 3, "CAMEO '04'"),
    ("attack\t-\t-\t-\tASSAULT\t19x\tx\n", "", 2, "CAMEO '19x'"),
    ("attack\t-\t-\tASSAULT\t19\tx\n", "", 2, "6 columns, want 7"),
    ("attack\t-\tvehicle\t-\tASSAULT\t19\tx\n", "", 2, "unknown object class 'vehicle'"),
    ("march\t-\t-\tsoldiers\tMOBILIZE\t154\tx\n", "", 2, "unknown subject 'soldiers'"),
    ("march\t-\t-\tarmed|civil\tMOBILIZE\t154\tx\n", "", 2, "unknown subject 'armed|civil'"),
    ("\t-\t-\t-\tASSAULT\t19\tx\n", "", 2, "bad lemma"),
    ("say\t-\t-\t-\tTHREATEN\t13\tx\n", "", 2, "light verb 'say'"),
    ("say\t-\t-\tcivil\tTHREATEN\t13\tx\n", "", 2, "light verb 'say'"),
    ("hit\t-\t-\t-\tASSAULT\t19\tx\nhit\t-\t-\t-\tASSAULT\t18\ty\n", "", 3, "duplicate row"),
    ("march\t-\t-\tarmed\tMOBILIZE\t15\tx\nmarch\t-\t-\tarmed\tPROTEST\t14\ty\n", "", 3, "duplicate row"),
    ("", "clash\t\tASSAULT\t19\tx\n", 2, "bad noun or verbs"),
    ("", "air  strike\t@\tASSAULT\t19\tx\n", 2, "bad noun or verbs"),
    ("", "clash\t@\tASSAULT\t19\tx\nclash\t@|fight\tASSAULT\t19\ty\n", 3, "already coded"),
    ("", "talks\thold\tCONSULT\t14\tx\n", 2, "CAMEO '14'"),
], ids=["bad-plover", "bad-cameo-root", "bad-cameo-digits", "column-count", "bad-object",
        "bad-subject", "subject-alternatives", "empty-lemma", "bare-light-verb",
        "light-verb-with-only-subject", "duplicate-verb-row", "duplicate-subject-row",
        "noun-without-verb", "noun-double-space", "duplicate-noun-verb", "noun-bad-cameo"])
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


# -- the shipped tables: every sense reachable --------------------------------------------------

def _data_rows(name):
    """(line number, fields) of the data rows of a shipped table."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")) for n, line in enumerate(lines[1:], start=2)
            if line.strip() and not line.startswith("#")]


def _verb_query(lemma, prep, obj, subj):
    """The lookup that a row's own constraints describe (first alternative of each)."""
    alts = [] if prep == "-" else prep.split("|")
    preps = [a for a in alts if not a.startswith("=")][:1]
    nouns = [a[1:] for a in alts if a.startswith("=")][:1]
    return dict(preps=preps if not nouns else [], obj_lemma=nouns[0] if nouns else None,
                obj_class=None if obj == "-" else obj.split("|")[0],
                subj_class=None if subj == "-" else subj)


VERB_ROWS = _data_rows("verbs.tsv")


@pytest.mark.parametrize("row", [fields for _, fields in VERB_ROWS],
                         ids=[f"{n}-{f[0]}-{f[1][:20]}-{f[2]}-{f[3]}" for n, f in VERB_ROWS])
def test_lexicon_every_verb_row_is_reachable(lexicon, row):
    lemma, prep, obj, subj, plover, cameo, _ = row
    assert lexicon.verb(lemma, **_verb_query(lemma, prep, obj, subj)) == Action(plover, cameo)


NOUN_SENSES = [(fields[0], key, Action(fields[2], fields[3]))
               for _, fields in _data_rows("nouns.tsv") for key in fields[1].split("|")]


@pytest.mark.parametrize("noun, key, action", NOUN_SENSES,
                         ids=[f"{n}-{k}" for n, k, _ in NOUN_SENSES])
def test_lexicon_every_noun_sense_is_reachable(lexicon, noun, key, action):
    *compound, head = noun.split()
    verb = None if key == "@" else "an-unknown-verb" if key == "*" else key
    assert lexicon.noun(head, verb, compound=compound[0] if compound else None) == action
    assert lexicon.names_verb(head, key, compound=compound[0] if compound else None) == (key not in "@*")


# -- new senses: the brief's conflict vocabulary, typed by hand ---------------------------------

NEW_VERB_CASES = [
    # (lemma, preps, object class, object lemma, subject class) -> (PLOVER, CAMEO)
    ("stab", [], "person", None, None, "ASSAULT", "182"),
    ("hack", ["to"], None, None, None, "ASSAULT", "1823"),
    ("hack", [], None, "website", None, "COERCE", "176"),
    ("lynch", [], None, None, "civil", "ASSAULT", "1823"),
    ("maim", [], None, None, None, "ASSAULT", "182"),
    ("slaughter", [], None, None, None, "ASSAULT", "202"),
    ("torch", [], "place", None, "armed", "COERCE", "1712"),
    ("torch", [], "place", None, "civil", "PROTEST", "145"),
    ("set", ["ablaze"], None, None, None, "COERCE", "1712"),
    ("set", [], None, "fire", "civil", "PROTEST", "145"),
    ("vandalise", [], None, None, None, "COERCE", "1712"),
    ("vandalize", [], None, None, "civil", "PROTEST", "145"),
    ("pelt", ["with"], "person", None, "civil", "PROTEST", "145"),
    ("hurl", ["at"], None, "cocktail", None, "ASSAULT", "183"),
    ("hurl", [], None, "stone", "civil", "PROTEST", "145"),
    ("lob", ["at"], None, "grenade", "armed", "ASSAULT", "190"),
    ("ransack", [], None, None, None, "COERCE", "171"),
    ("loot", [], None, None, "civil", "PROTEST", "145"),
    ("sack", [], "place", None, "armed", "ASSAULT", "192"),
    ("neutralise", [], "person", None, "armed", "ASSAULT", "190"),
    ("eliminate", [], "troops", None, None, "ASSAULT", "190"),
    ("eliminate", [], None, "tariff", None, None, None),
    ("snip", ["at"], "troops", None, None, "ASSAULT", "193"),
    ("dislodge", ["from"], "person", None, "armed", "ASSAULT", "192"),
    ("repulse", [], None, "attack", "armed", "ASSAULT", "190"),
    ("thwart", [], None, "attack", "armed", "ASSAULT", "190"),
    ("foil", [], None, "plot", "armed", "COERCE", "170"),
    ("gun", [], None, "crowd", None, "ASSAULT", "193"),
    ("storm", [], "place", None, "armed", "ASSAULT", "190"),
    ("storm", [], "place", None, "civil", "PROTEST", "145"),
    ("occupy", [], "place", None, "civil", "PROTEST", "144"),
    ("clash", ["with"], "person", None, "civil", "ASSAULT", "193"),  # herders and farmers clash: armed clashes
    ("clash", ["with"], "person", None, "armed", "ASSAULT", "193"),
    ("march", ["to"], "place", None, "civil", "PROTEST", "141"),
    ("gather", ["outside"], None, None, "civil", "PROTEST", "141"),
    ("gather", ["near"], None, None, "armed", "MOBILIZE", "154"),
    ("chant", [], None, "slogan", None, "PROTEST", "141"),
    ("strike", [], None, None, "civil", "PROTEST", "143"),
    ("walk", ["out"], None, None, "civil", "PROTEST", "143"),
    ("block", [], "place", None, "civil", "PROTEST", "144"),
    ("block", [], "place", None, "armed", "COERCE", "170"),
    ("block", [], None, "internet", None, "COERCE", "1721"),
    ("charge", [], "person", None, "armed", "COERCE", "175"),
    ("charge", ["with"], "person", None, "armed", "ACCUSE", "112"),
    ("raid", [], None, "home", "armed", "COERCE", "170"),
    ("raid", [], "place", None, "armed", "ASSAULT", "190"),
    ("evict", [], None, None, None, "COERCE", "174"),
    ("clamp", ["down", "on"], None, None, "armed", "COERCE", "175"),
    ("cut", [], None, "internet", None, "COERCE", "170"),
    ("allege", [], None, "abuse", None, "ACCUSE", "112"),
    ("summon", [], None, "ambassador", None, "ACCUSE", "114"),
    ("implore", [], "person", None, None, "REQUEST", "020"),
    ("press", [], "place", None, None, "REQUEST", "100"),
    ("caution", ["against"], None, None, None, "THREATEN", "130"),
    ("swear", [], None, "revenge", None, "THREATEN", "138"),
    ("rule", ["out"], None, "talk", None, "REJECT", "120"),
    ("torpedo", [], None, "talk", None, "REJECT", "127"),
    ("flout", [], None, "ban", "civil", "REJECT", "128"),
    ("violate", [], None, "airspace", "armed", "MOBILIZE", "150"),
    ("hammer", ["out"], None, "deal", None, "AGREE", "030"),
    ("hammer", [], "place", None, "armed", "ASSAULT", "194"),
    ("call", [], None, "counterpart", None, "CONSULT", "041"),
    ("welcome", [], None, "delegation", None, "CONSULT", "043"),
    ("welcome", [], None, "decision", None, "SUPPORT", "051"),
    ("laud", [], "troops", None, None, "SUPPORT", "051"),
    ("reopen", [], "place", "embassy", None, "SUPPORT", "054"),
    ("join", [], None, "fight", "armed", "COOPERATE", "062"),
    ("host", [], None, "exercise", "armed", "COOPERATE", "062"),
    ("exchange", [], None, "intelligence", None, "COOPERATE", "064"),
    ("evacuate", [], None, "wounded", "armed", "AID", "073"),
    ("evacuate", [], "troops", None, "armed", "RETREAT", "0874"),
    ("evacuate", [], "place", "embassy", None, "SANCTION", "161"),
    ("shelter", [], None, "refugee", None, "AID", "075"),
    ("resupplie", [], "troops", None, None, "AID", "072"),
    ("downgrade", [], None, "tie", None, "SANCTION", "161"),
    ("ban", [], None, "import", None, "SANCTION", "163"),
    ("withdraw", [], None, "peacekeeper", None, "SANCTION", "1661"),
    ("lift", [], "sanction", "sanction", None, "CONCEDE", "085"),
    ("lift", [], "sanction", "curfew", None, "CONCEDE", "0813"),
    ("lift", [], None, "siege", None, "CONCEDE", "0872"),
    ("commute", [], None, "sentence", None, "CONCEDE", "081"),
    ("allow", [], None, "access", None, "CONCEDE", "0863"),
    ("halt", [], None, "offensive", "armed", "CONCEDE", "087"),
    ("halt", [], "aid", None, None, "SANCTION", "162"),
    ("surrender", [], "weapon", None, "armed", "RETREAT", "0873"),
    ("flee", [], None, None, "armed", "RETREAT", "0874"),
    ("flee", [], None, None, "civil", None, None),
    ("give", ["up"], "weapon", None, None, "RETREAT", "0873"),
    ("draw", ["down"], "troops", None, None, "RETREAT", "0873"),
    ("head", ["towards"], "place", None, "armed", "MOBILIZE", "154"),
    ("put", ["on"], None, "alert", "armed", "MOBILIZE", "152"),
    ("step", [], None, "security", "armed", "MOBILIZE", "150"),
]


def _case_id(case):
    lemma, preps, obj_class, obj_lemma, subj, plover, _ = case
    return f"{lemma}-{'+'.join(preps) or obj_lemma or obj_class or 'bare'}-{subj or 'any'}-{plover}"


@pytest.mark.parametrize("lemma, preps, obj_class, obj_lemma, subj, plover, cameo", NEW_VERB_CASES,
                         ids=[_case_id(c) for c in NEW_VERB_CASES])
def test_lexicon_verb_new_sense(lexicon, lemma, preps, obj_class, obj_lemma, subj, plover, cameo):
    action = lexicon.verb(lemma, preps=preps, obj_class=obj_class, obj_lemma=obj_lemma, subj_class=subj)
    assert action == (Action(plover, cameo) if plover else None)


NEW_NOUN_CASES = [
    # (noun, governing verb or None, compound modifier) -> (PLOVER, CAMEO)
    ("strike", None, "air", "ASSAULT", "195"),
    ("strike", "carry out", "drone", "ASSAULT", "1952"),
    ("strike", "hold", "hunger", "PROTEST", "142"),
    ("strike", None, "heavy", "ASSAULT", "190"),
    ("airstrike", "hit", None, "ASSAULT", "195"),
    ("raid", None, "air", "ASSAULT", "195"),
    ("raid", None, "police", "COERCE", "170"),
    ("fire", None, "artillery", "ASSAULT", "194"),
    ("fire", None, None, None, None),
    ("fire", "agree", "cease", "AGREE", "030"),
    ("in", "stage", "sit", "PROTEST", "141"),
    ("out", "erupt", "shoot", "ASSAULT", "193"),
    ("taking", None, "hostage", "ASSAULT", "181"),
    ("bombing", "kill", "suicide", "ASSAULT", "1831"),
    ("bomb", "explode", "car", "ASSAULT", "1832"),
    ("bomb", "plant", "roadside", "ASSAULT", "1833"),
    ("shell", "fall", None, "ASSAULT", "194"),
    ("grenade", "lob", None, "ASSAULT", "193"),
    ("gunfight", "break out", None, "ASSAULT", "193"),
    ("skirmish", None, None, "ASSAULT", "193"),
    ("battle", "rag", None, "ASSAULT", "190"),
    ("attack", "thwart", None, "ASSAULT", "190"),
    ("attack", "halt", None, "CONCEDE", "087"),
    ("looting", "break out", None, "COERCE", "171"),
    ("detention", "order", None, "COERCE", "173"),
    ("curfew", "lift", None, "CONCEDE", "0813"),
    ("dharna", "hold", None, "PROTEST", "141"),
    ("hartal", "observe", None, "PROTEST", "143"),
    ("cacerolazo", "stage", None, "PROTEST", "141"),
    ("walkout", "stage", None, "PROTEST", "143"),
    ("vigil", "hold", None, "PROTEST", "141"),
    ("strike", "call off", None, "CONCEDE", "082"),
    ("allegation", "level", None, "ACCUSE", "112"),
    ("revenge", "vow", None, "THREATEN", "138"),
    ("petition", "submit", None, "REQUEST", "020"),
    ("snub", None, None, "REJECT", "120"),
    ("armistice", "sign", None, "AGREE", "030"),
    ("pact", "sign", None, "AGREE", "030"),
    ("call", "have", "phone", "CONSULT", "041"),
    ("gratitude", "express", None, "SUPPORT", "051"),
    ("partnership", "forge", None, "COOPERATE", "060"),
    ("operation", "launch", "rescue", "AID", "073"),
    ("operation", "launch", None, "ASSAULT", "190"),
    ("ban", "impose", "travel", "SANCTION", "163"),
    ("pardon", "grant", None, "CONCEDE", "080"),
    ("drawdown", None, None, "RETREAT", "0873"),
    ("out", "announce", "pull", "RETREAT", "0874"),
    ("up", "continue", "build", "MOBILIZE", "154"),
    ("manoeuvre", "hold", None, "MOBILIZE", "150"),
    ("exercise", "hold", "joint", "COOPERATE", "062"),
    ("exercise", "hold", None, "MOBILIZE", "150"),
    ("strike", "call", "general", "PROTEST", "143"),
    ("law", "impose", "martial", "COERCE", "1724"),
]


@pytest.mark.parametrize("noun, verb, compound, plover, cameo", NEW_NOUN_CASES,
                         ids=[f"{c[2] or ''} {c[0]}-{c[1] or 'alone'}".strip() for c in NEW_NOUN_CASES])
def test_lexicon_noun_new_sense(lexicon, noun, verb, compound, plover, cameo):
    action = lexicon.noun(noun, verb, compound=compound)
    assert action == (Action(plover, cameo) if plover else None)


# -- the subject column --------------------------------------------------------------------------

@pytest.mark.parametrize("preps, subj, plover", [
    ([], "civil", "PROTEST"), ([], "armed", "MOBILIZE"), ([], None, "PROTEST"),
    (["on"], "civil", "PROTEST"), (["on"], "armed", "MOBILIZE"), (["on"], None, "MOBILIZE"),
], ids=["civil", "armed", "unknown-falls-back", "on-civil", "on-armed", "on-unknown"])
def test_lexicon_verb_march_depends_on_subject(lexicon, preps, subj, plover):
    assert lexicon.verb("march", preps=preps, subj_class=subj).plover == plover


def test_lexicon_verb_subject_row_needs_a_known_subject(lexicon):
    assert lexicon.verb("gather", subj_class="civil").plover == "PROTEST"
    assert lexicon.verb("gather", subj_class="armed").plover == "MOBILIZE"
    assert lexicon.verb("gather") is None  # "people gathered": no event without a known subject


def test_lexicon_verb_subject_ranks_just_above_its_twin(tmp_path):
    lex = Lexicon.load(write_lexicon(tmp_path, "".join([
        "x\t-\t-\t-\tASSAULT\t190\tbare\n",
        "x\t-\t-\tcivil\tPROTEST\t145\tsubject\n",
        "x\t-\tplace\t-\tCOERCE\t170\tobject\n",
        "x\ton\t-\t-\tMOBILIZE\t154\tprep\n",
        "x\ton\t-\tcivil\tPROTEST\t141\tprep and subject\n",
    ])))
    assert lex.verb("x", subj_class="civil") == Action("PROTEST", "145")
    assert lex.verb("x", subj_class="armed") == Action("ASSAULT", "190")
    assert lex.verb("x", obj_class="place", subj_class="civil") == Action("COERCE", "170")
    assert lex.verb("x", preps=["on"], obj_class="place", subj_class="civil") == Action("PROTEST", "141")
    assert lex.verb("x", preps=["on"], obj_class="place") == Action("MOBILIZE", "154")


@pytest.mark.parametrize("value", ["state_force", "Armed", "-", ""], ids=["kind", "case", "dash", "empty"])
def test_lexicon_verb_rejects_unknown_subject_class(lexicon, value):
    with pytest.raises(ValueError, match="subj_class"):
        lexicon.verb("march", subj_class=value)


@pytest.mark.parametrize("kind, expected", [
    ("state_force", "armed"), ("armed_group", "armed"), ("civilians", "civil"), ("media", "civil"),
    ("other", "civil"), ("government", None), ("person", None), ("international_organisation", None),
    (None, None),
], ids=lambda v: str(v))
def test_lexicon_subject_class_of_actor_kind(kind, expected):
    assert subject_class(kind) == expected


def test_lexicon_subject_kinds_are_actor_kinds():
    from kg.model import ACTOR_KINDS
    assert set(SUBJECT_KINDS) <= set(ACTOR_KINDS)


# -- nouns: compounds, names_verb, occurrence verbs ------------------------------------------------

def test_lexicon_compound_key_without_compound_is_head(lexicon):
    assert lexicon.is_event_noun("in", compound="sit")
    assert not lexicon.is_event_noun("in")
    assert lexicon.noun("strike", None) == lexicon.noun("strike", None, compound="unknown")


@pytest.mark.parametrize("noun, verb, expected", [
    ("attack", "launch", True), ("attack", "@", False), ("clash", "condemn", False),
    ("clash", "*", False), ("talk", "hold", True), ("table", "hold", False),
], ids=["named", "at-marker", "star-is-not-naming", "star-marker", "talks", "not-a-noun"])
def test_lexicon_names_verb(lexicon, noun, verb, expected):
    assert lexicon.names_verb(noun, verb) is expected


def test_lexicon_occurrence_verbs():
    assert {"erupt", "break out", "take place", "go off", "rag", "fall", "leave", "claim"} <= OCCURRENCE_VERBS
    assert {"break", "take", "go", "erupt"} <= OCCURRENCE_HEADS
    assert all(" " not in verb for verb in OCCURRENCE_HEADS)


def test_lexicon_condolences_are_not_an_event(lexicon):
    assert not lexicon.is_event_noun("condolence")
