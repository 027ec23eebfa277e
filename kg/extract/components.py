"""spaCy components: the gazetteer that marks known places and actors as entities."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .dictionary import load_dictionary
from .gazetteer import load_gazetteer
from .names import name_key

__all__ = ["GazetteerComponent", "MAX_NAME_TOKENS"]

MAX_NAME_TOKENS = 6
_JOINERS = {"of", "al", "el", "bin", "bani", "ibn", "de", "du", "la", "-", "'s", "and", "the"}
_LOWER_STARTS = {"mountains", "mount", "river", "lake", "gulf", "strait", "sea", "valley", "port", "desert"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "today", "yesterday", "tomorrow"}
_FORCE_WORDS = {"militia", "militias", "forces", "force", "fighters", "troops", "brigade", "brigades", "army"}
_PLACE_CUES = {"in", "near", "at", "from", "to", "into", "outside", "around", "of", "across", "toward",
               "towards", "towns", "town", "city", "cities", "village", "district", "province"}


class GazetteerComponent:
    """Mark gazetteer places (GPE/LOC/FAC) and dictionary actors (ORG/PERSON/NORP) as entities.

    Each marked entity gets `kb_id_` = 'place' or 'actor' (or 'place+actor'); resolution to a
    canonical actor or geocoded place happens in extraction, where the article's context is known.
    A single-word match must be a proper noun, and a place never overrides a PERSON the model
    found unless a locative word stands before it.
    """

    def __init__(self, nlp: Language, name: str, min_population: int = 5000):
        self.gazetteer = load_gazetteer(min_population)
        self.dictionary = load_dictionary()
        self.starters = self.gazetteer.starters | self.dictionary.starters

    def _kind(self, span: Span) -> str | None:
        text = span.text
        is_place = name_key(text) in self.gazetteer.names
        is_actor = self.dictionary.lookup(text) is not None
        if is_place and is_actor:
            return "place+actor"
        return "place" if is_place else "actor" if is_actor else None

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        self._found = found
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                token = doc[i]
                if not (token.text[:1].isupper() or token.lower_ in _LOWER_STARTS) \
                        or name_key(token.text) not in self.starters:
                    i += 1
                    continue
                match = self._longest(doc, i, sent.end)
                if match is None:
                    i += 1
                    continue
                span, kind = match
                label = "GPE" if kind == "place" else self._actor_label(span)
                found.append(Span(doc, span.start, span.end, label=label, kb_id=kind))
                i = span.end
        doc.ents = self._merge(doc, found)
        return doc

    def _longest(self, doc: Doc, i: int, end: int):
        for n in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
            span = doc[i:i + n]
            if span[-1].lower_ in _JOINERS or not span[-1].text[:1].isalnum():
                continue
            kind = self._kind(span)
            if kind and self._plausible(span, kind):
                return span, kind
        return None

    def _plausible(self, span: Span, kind: str) -> bool:
        if not any(t.text[:1].isupper() for t in span):
            return False
        if any(t.ent_type_ in _NOT_NAMES for t in span) or (len(span) == 1 and span[0].lower_ in _CALENDAR):
            return False
        if kind == "place" and len(span) == 1 and span.start > span.sent.start:
            prev = span.doc[span.start - 1]
            if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ not in ("GPE", "LOC"):
                return False  # 'Mission' in 'Integrated Stabilization Mission': part of a longer name
        if kind == "place" and span[0].ent_type_ in ("ORG", "WORK_OF_ART", "LAW", "EVENT"):
            ent = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
            if ent is not None and len(ent) > len(span):
                return False  # 'Mission' inside 'the Integrated Stabilization Mission'

        if len(span) == 1 and span[0].pos_ not in ("PROPN",) and not span[0].ent_type_ and not span[0].is_upper:
            return False
        if kind == "place" and span[0].ent_type_ == "PERSON" and span[0].ent_iob_ != "O":
            doc = span.doc
            prev = doc[span.start - 1].lower_ if span.start else ""
            after = doc[span.end].lemma_.lower() if span.end < len(doc) else ""
            root = span.root
            coordinated = root.dep_ == "conj" and (root.head.ent_type_ in ("GPE", "LOC")
                                                   or name_key(root.head.text) in self.gazetteer.names
                                                   or any(f.start <= root.head.i < f.end and f.label_ == "GPE"
                                                          for f in self._found))
            return prev in _PLACE_CUES or after in _FORCE_WORDS or coordinated or self._big_city(span)
        return True

    def _big_city(self, span: Span) -> bool:
        """A lone 'person' name that is a city of 100,000 or more is taken as the city ('bombed Misrata'),
        unless a title or a first name stands before it or it is a known actor's name."""
        if len(span) != 1 or self.dictionary.lookup(span.text) is not None:
            return False
        if span.start and span.doc[span.start - 1].pos_ == "PROPN":
            return False
        surnames = {e[-1].text for e in span.doc.ents if e.label_ == "PERSON" and len(e) > 1}
        if span.text in surnames:
            return False  # 'Amani' after 'Zabihullah Amani': the person again
        return any(e.population >= 100_000 for e in self.gazetteer.candidates(span.text))

    def _actor_label(self, span: Span) -> str:
        actor = self.dictionary.lookup(span.text)
        if actor is None:
            return "GPE"
        return {"person": "PERSON", "government": "GPE"}.get(actor.kind, "ORG")

    @staticmethod
    def _merge(doc: Doc, found: list[Span]) -> list[Span]:
        """Gazetteer spans win over model entities they overlap, unless the model's is longer."""
        model = list(doc.ents)
        keep = []
        for ent in model:
            rival = next((s for s in found if s.start < ent.end and ent.start < s.end), None)
            if rival is None or len(ent) > len(rival):
                keep.append(ent)
        ours = [s for s in found if not any(k.start < s.end and s.start < k.end for k in keep)]
        return filter_spans(keep + ours)


@Language.factory("ckg_gazetteer", default_config={"min_population": 5000},
                  requires=["token.pos", "doc.sents", "doc.ents"], assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str, min_population: int) -> GazetteerComponent:
    """Factory for the gazetteer component (see GazetteerComponent)."""
    return GazetteerComponent(nlp, name, min_population)
