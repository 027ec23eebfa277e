"""spaCy components: the gazetteer that marks known places and actors as entities.

With a gazetteer down to villages, almost every capitalised word is a place somewhere, so a name
is marked a place only where the text treats it as one: the model already says GPE/LOC/FAC, a
locative word stands before it ("in", "near", "the village of"), a feature word after it
("Ancuabe district", "Kaduna state"), it sits in a parenthesis of containing places, or it is
a country, a first-level division or a big city that the model left untagged.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .dictionary import ActorDictionary, load_dictionary
from .geo import Gazetteer, load_gazetteer
from .containers import FEATURE_WORDS
from .groups import QUALIFIERS, load_groups
from .names import name_key
from .party_words import PLACE_VERBS
from .spans import ARTICLES, PARTICLES, broken, name_list
from .syntax import entity_span

__all__ = ["GazetteerComponent", "MAX_NAME_TOKENS"]

MAX_NAME_TOKENS = 6
BIG_PLACE = 100_000
_JOINERS = {"of", "al", "el", "bin", "bani", "ibn", "de", "du", "la", "-", "'s", "and", "the", "da", "do", "dos",
            "das", "del", "van", "von", "ad", "as", "ar", "an", "ash", "at"}
_LOWER_STARTS = {"mountains", "mount", "river", "lake", "gulf", "strait", "sea", "valley", "port", "desert"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "today", "yesterday", "tomorrow"}
_FORCE_WORDS = {"militia", "militias", "forces", "force", "fighters", "troops", "brigade", "brigades", "army",
                "residents", "villagers", "police"}
FRAME_NOUNS = {"village", "villages", "town", "locality", "hamlet", "settlement", "district", "county", "commune",
               "municipality", "township", "neighbourhood", "neighborhood", "camp", "island", "area", "woreda",
               "upazila", "tehsil", "sub-county", "subcounty", "department", "prefecture", "governorate", "province",
               "region", "state", "zone", "quarter", "suburb", "valley", "forest", "market", "oblast", "raion",
               "crossing", "junction", "roundabout", "bridge", "mountain", "mountains", "hill", "lake", "river",
               "barangay", "kebele", "sector", "ward", "estate", "slum", "favela", "colonia"}
PREFIX_FRAMES = {"barangay", "kebele", "colonia", "kampung", "desa", "moshav", "kibbutz"}  # the name follows
PLACE_CUES = {"in", "near", "at", "from", "to", "into", "outside", "around", "across", "toward", "towards",
              "inside", "between", "through", "along", "off", "of", "via", "reach", "reached"}


def _party_word(span: Span) -> bool:
    """'the Superintendent of Police', 'the Alliance': one word that names a party (groups.tsv), not
    the town of that name (Police, Poland; Alliance, Ohio)."""
    if len(span) != 1:
        return False
    word, groups = span[0].lower_, load_groups()
    return word in groups or word in QUALIFIERS or (word.endswith("s") and word[:-1] in groups)


_HOLIDAYS = {"christmas", "easter", "ramadan", "eid", "diwali", "passover", "hanukkah", "nowruz", "tet", "ashura"}


def _misdated(span: Span) -> bool:
    """'near Turbat' tagged DATE: capitalised names after a word of place that the model took for a
    date or time, none of them a calendar word, a holiday or a number."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("in", "near", "at", "outside", "from", "to", "into", "around") and all(
        t.text[:1].isupper() and t.pos_ == "PROPN" and not any(ch.isdigit() for ch in t.text)
        and t.lower_ not in _CALENDAR | _HOLIDAYS for t in span)


def _kind(gazetteer: Gazetteer, dictionary: ActorDictionary, span: Span) -> str | None:
    text = span.text
    is_place = gazetteer.known(text) and not _party_word(span)
    is_actor = dictionary.lookup(text) is not None
    if is_place and is_actor:
        return "place+actor"
    return "place" if is_place else "actor" if is_actor else None


class GazetteerComponent:
    """Mark gazetteer places (GPE) and dictionary actors (ORG/PERSON/GPE) as entities.

    Each marked entity gets `kb_id_` = 'place', 'actor' or 'place+actor'; resolution to a
    canonical actor or a geocoded place happens in extraction, where the article's context is
    known. The component keeps no state between calls.
    """

    def __init__(self, nlp: Language, name: str):
        self.gazetteer = load_gazetteer()
        self.dictionary = load_dictionary()

    def _starts(self, word: str) -> bool:
        return self.gazetteer.starts_name(word) or name_key(word).split(" ")[0] in self.dictionary.starters

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                token = doc[i]
                article = token.lower_ in ARTICLES and i + 2 < sent.end and doc[i + 1].text == "-"
                if not (token.text[:1].isupper() or token.lower_ in _LOWER_STARTS or article) or not (
                        self._starts(token.text) or article):
                    i += 1
                    continue
                match = self._longest(doc, i, sent.end, found)
                if match is None:
                    i += 1
                    continue
                span, kind = match
                label = "GPE" if kind == "place" else self._actor_label(span)
                found.append(Span(doc, span.start, span.end, label=label, kb_id=kind))
                i = span.end
        for span in self._unlisted(doc):
            if not any(f.start < span.end and span.start < f.end for f in found):
                found.append(span)
        doc.ents = self._merge(doc, found)
        return doc

    def _unlisted(self, doc: Doc) -> list[Span]:
        """Places the gazetteer lacks where the text says they are places: 'the village of Gasarwa',
        'Sozma Qala district', 'Abu Shouk displacement camp' (kb_id 'place?')."""
        out = []
        for token in doc:  # "in Mashru Al Hadba (Tripoli)": a name followed by its containing places
            if token.lower_ not in ("in", "near", "at", "outside", "around", "to", "into", "from", "of") \
                    or token.i + 2 >= len(doc):
                continue
            j = token.i + 1
            while j < len(doc) and j - token.i <= MAX_NAME_TOKENS and (
                    doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() or doc[j].lower_ in _JOINERS - {"and", "of"}):
                j += 1
            if j > token.i + 1 and j < len(doc) and doc[j].text == "(" and doc[j - 1].pos_ == "PROPN" \
                    and (token.lower_ in ("in", "near", "at", "outside", "around") or self._places_inside(doc, j)):
                span = Span(doc, token.i + 1, j, label="GPE", kb_id="place?")
                if self.dictionary.lookup(span.text) is None and not any(t.ent_type_ in _NOT_NAMES for t in span):
                    out.append(span)
        for token in doc:
            if (token.lower_ not in FRAME_NOUNS and token.lemma_.lower() not in FRAME_NOUNS) or (
                    token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.lower_ in PREFIX_FRAMES)):
                continue  # 'Barangay Carabalan': a unit word the tagger read as part of the name
            name: list = []
            if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":  # "the village of X"
                names = name_list(doc, token.i + 2, several=token.tag_ == "NNS")  # "the villages of X, Y and Z"
                for more in names[1:]:
                    if len(more) <= MAX_NAME_TOKENS and self._new_name(doc, more):
                        out.append(Span(doc, more[0], more[-1] + 1, label="GPE", kb_id="place?"))
                name = names[0] if names else []
            if not name or (token.i > 0 and _name_word(doc[token.i - 1]) and doc[token.i - 1].head.i == token.i
                            and self._new_name(doc, [token.i - 1])):  # "X district", "the PK5 district of Bangui"
                j = token.i - 1
                while j >= 0 and doc[j].lower_ in ("displacement", "refugee", "idp", "military", "army"):
                    j -= 1
                end = j + 1
                while j >= 0 and (_name_word(doc[j]) and doc[j].head.i in (token.i, j + 1) or _hyphened(doc, j)):
                    j -= 1
                name = list(range(j + 1, end))
            if not name and token.lower_ in PREFIX_FRAMES and token.text[:1].isupper():  # "Barangay Carabalan"
                j = token.i + 1
                while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                    j += 1
                name = list(range(token.i + 1, j))
            if not name or len(name) > MAX_NAME_TOKENS:
                continue
            if self._new_name(doc, name):
                out.append(Span(doc, name[0], name[-1] + 1, label="GPE", kb_id="place?"))
        return out

    def _places_inside(self, doc: Doc, paren: int) -> bool:
        """'(Mamprugo Moaduri, North East)': the parenthesis at `paren` opens with a known place."""
        j = paren + 1
        while j < len(doc) and doc[j].text not in (",", ")") and j - paren <= MAX_NAME_TOKENS:
            j += 1
        return j > paren + 1 and self.gazetteer.known(doc[paren + 1:j].text)

    def _new_name(self, doc: Doc, name: list[int]) -> bool:
        """A run of tokens that may name an unlisted place: not an actor, a people or a date. A
        name the model took for a people counts when no article makes it one ('in Bunari
        village', not 'a Fulani village')."""
        span = doc[name[0]:name[-1] + 1]
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        people = any(t.ent_type_ == "NORP" for t in span) and (before in ("a", "an", "the") or len(span) > 1)
        return self.dictionary.lookup(span.text) is None and self.dictionary.demonym(span.text) is None \
            and not any(t.ent_type_ in _NOT_NAMES for t in span) and not people

    def _longest(self, doc: Doc, i: int, end: int, found: list[Span]):
        for n in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
            span = doc[i:i + n]
            if span[-1].lower_ in _JOINERS or not span[-1].text[:1].isalnum():
                continue
            kind = _kind(self.gazetteer, self.dictionary, span)
            if kind == "place" and not self._plausible_place(span, found):
                continue
            if kind and self._plausible(span):
                return span, kind
        return None

    @staticmethod
    def _plausible(span: Span) -> bool:
        if not any(t.text[:1].isupper() for t in span):
            return False
        if (any(t.ent_type_ in _NOT_NAMES for t in span) and not _misdated(span)) or (
                len(span) == 1 and span[0].lower_ in _CALENDAR):
            return False
        return not (len(span) == 1 and span[0].pos_ != "PROPN" and not span[0].ent_type_ and not span[0].is_upper)

    def _plausible_place(self, span: Span, found: list[Span]) -> bool:
        """Whether the text treats `span` as a place (see the module docstring)."""
        doc = span.doc
        first = span[0]
        model = first.ent_type_ if first.ent_iob_ != "O" else ""
        ent = entity_span(doc[span.start])
        if ent is not None and broken(ent):
            model, ent = "", None  # 'Surman (Azzawya' as one ORG: the model ran through the parenthesis
        after = doc[span.end] if span.end < len(doc) else None
        if span[-1].lower_ in FRAME_NOUNS and after is not None and (after.like_num or after.lower_ in ("no", "no.")):
            return False  # 'Ward No. 10', 'Zone 4': a numbered unit of the place named next
        if model in ("GPE", "LOC", "FAC"):
            return ent is None or len(ent) <= len(span) or span.start == ent.start
        if len(span) == 1 and first.pos_ == "ADJ" and self.dictionary.demonym(first.text) is not None:
            return False  # 'the central Malian village of Sokolo': a people's adjective, not a village 'Malian'
        if span.start > span.sent.start and len(span) == 1:
            prev = doc[span.start - 1]
            if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ not in ("GPE", "LOC"):
                return False  # 'Mission' in 'Integrated Stabilization Mission': part of a longer name
        if span[0].lower_ in _LOWER_STARTS or span[-1].lower_ in FEATURE_WORDS or span[-1].lemma_.lower() in (
                "base", "airport", "airbase", "camp", "crossing", "port", "field"):
            return True  # 'al-Watiya air base', 'Zamzam camp': the name says what it is
        if model in ("ORG", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT") and ent is not None and len(ent) > len(span):
            return False  # 'Mission' inside 'the Integrated Stabilization Mission'
        before = doc[span.start - 1] if span.start > span.sent.start else None
        after = doc[span.end] if span.end < len(doc) else None
        cue = before is not None and (before.lower_ in PLACE_CUES or before.lower_ in ("(", ",") and self._inside_places(
            doc, span, found)) or (span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in PLACE_VERBS)
        feature = after is not None and (after.lower_ in FEATURE_WORDS or after.lemma_.lower() in _FORCE_WORDS) or (
            span.root.dep_ in ("compound", "nmod", "amod") and span.root.head.lower_ in FEATURE_WORDS
            and span.root.head.tag_ == "NNS")  # "the Tajoura and Ain Zara districts"
        coordinated = span.root.dep_ == "conj" and any(f.start <= span.root.head.i < f.end and f.label_ == "GPE"
                                                       for f in found)
        if model == "PERSON":
            if self.dictionary.lookup(span.text) is not None:
                return False
            return cue or feature or coordinated or self._big(span)
        if model in ("ORG", "NORP"):
            longer = ent is not None and span.start == ent.start and span.end > ent.end and all(
                t.pos_ == "PROPN" and t.ent_iob_ == "O" for t in doc[ent.end:span.end])  # 'Kafr' + 'Qaddum'
            return (cue and (len(span) == len(ent or span) or longer)) or feature \
                or self._big(span, country_only=True)
        return cue or feature or coordinated or self._big(span)

    def _inside_places(self, doc: Doc, span: Span, found: list[Span]) -> bool:
        """'(Dagana, Hadjer-Lamis)' after a place: a list of containing places."""
        j = span.start - 1
        while j > span.sent.start and doc[j].text != "(":
            j -= 1
        return doc[j].text == "(" and j > 0 and (doc[j - 1].ent_type_ in ("GPE", "LOC", "FAC")
                                                   or any(f.end == j for f in found))

    def _big(self, span: Span, country_only: bool = False) -> bool:
        """A country, a first-level division or a city of BIG_PLACE people, the model untagged."""
        if len(span) == 1 and span.start and span.doc[span.start - 1].pos_ == "PROPN":
            return False
        surnames = {e[-1].text for e in span.doc.ents if e.label_ == "PERSON" and len(e) > 1}
        if len(span) == 1 and span.text in surnames:
            return False  # 'Amani' after 'Zabihullah Amani': the person again
        for c in self.gazetteer.candidates(span.text):
            if c.place.feature == "country" or (not country_only and c.primary and (
                    c.place.feature == "admin1" or c.population >= BIG_PLACE)):
                return True
        return False

    def _actor_label(self, span: Span) -> str:
        actor = self.dictionary.lookup(span.text)
        if actor is None:
            return "GPE"
        return {"person": "PERSON", "government": "GPE"}.get(actor.kind, "ORG")

    @staticmethod
    def _merge(doc: Doc, found: list[Span]) -> list[Span]:
        """Gazetteer spans win over model entities they overlap, unless the model's is longer."""
        keep = []
        for ent in doc.ents:
            rival = next((s for s in found if s.start < ent.end and ent.start < s.end), None)
            length = _content_length(ent) if rival is not None and rival.kb_id_ == "place?" else len(ent)
            if rival is None or (length > len(rival) and not broken(ent)):
                keep.append(ent)
        ours = [s for s in found if not any(k.start < s.end and s.start < k.end for k in keep)]
        return filter_spans(keep + ours)


def _name_word(token) -> bool:
    """A capitalised word of a name: a proper noun, a word the model tags as part of a name
    ('Lyari' read as an adjective in "Karachi's Lyari neighbourhood"), or any capitalised word of a
    hyphenated name ('Barchi'); not 'Central Business' in "the Central Business District"."""
    doc = token.doc
    hyphened = (token.i > 0 and doc[token.i - 1].text == "-") or (token.i + 1 < len(doc) and doc[token.i + 1].text == "-")
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.ent_type_ in (
        "ORG", "GPE", "LOC", "FAC", "PERSON") or (token.pos_ in ("ADJ", "NOUN") and hyphened))  # 'Dasht-e-Barchi'


def _hyphened(doc: Doc, j: int) -> bool:
    """Token `j` joins a hyphenated name: a hyphen after a name word, or a particle between two
    hyphens ('Dasht-e-Barchi', 'Bab-el-Oued')."""
    if doc[j].text == "-":
        return j > 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in PARTICLES)
    return doc[j].lower_ in PARTICLES and 0 < j < len(doc) - 1 and doc[j - 1].text == "-" and doc[j + 1].text == "-"


def _content_length(ent: Span) -> int:
    """An entity's length without a leading article or unit word: the model's ORG 'the Arghanj
    Khaw' ('Barangay Carabalan') is no longer a name than the place 'Arghanj Khaw' ('Carabalan')."""
    return len(ent) - (1 if ent[0].lower_ in ("the", "a", "an") or ent[0].lower_ in PREFIX_FRAMES else 0)


@Language.factory("ckg_gazetteer", requires=["token.pos", "doc.sents", "doc.ents"], assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    """Factory for the gazetteer component (see GazetteerComponent)."""
    return GazetteerComponent(nlp, name)
