"""What a text writes beside a place name: the word for its kind ('Kaduna state', 'the village of
Bambofa') and the places that contain it ('(Dagana, Hadjer-Lamis)', ', Ghor', 'in Macomia
district')."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .syntax import entity_span

__all__ = ["FEATURE_WORDS", "DIVISION_FEATURES", "DISTANCE_UNITS", "regions_beside", "following_container",
           "named_feature"]

FEATURE_WORDS = {"village": "village", "villages": "village", "town": "town", "towns": "town", "city": "city",
                 "cities": "city", "district": "district", "districts": "district", "county": "county",
                 "sub-county": "county", "state": "state", "province": "province", "region": "region",
                 "governorate": "province", "oblast": "province", "department": "province", "prefecture":
                 "province", "municipality": "town", "commune": "town", "locality": "village", "area": "area",
                 "camp": "camp", "neighbourhood": "district", "neighborhood": "district", "suburb": "district",
                 "wilaya": "province", "lga": "district", "township": "town", "zone": "region",
                 "division": "region", "settlement": "village", "hamlet": "village", "valley": "region",
                 "airport": "airport", "island": "region", "mountains": "mountain", "river": "river",
                 # plurals shared by coordinated names: "Paktika and Khost provinces"
                 "provinces": "province", "states": "state", "regions": "region", "counties": "county",
                 "municipalities": "town", "communes": "town", "governorates": "province", "camps": "camp",
                 "neighbourhoods": "district", "neighborhoods": "district", "townships": "town",
                 # the words reporters use for small places the world over
                 "community": "village", "communities": "village", "hamlets": "village", "quarter": "district",
                 "ward": "district", "parish": "district", "barangay": "village", "kebele": "village",
                 "woreda": "district", "tehsil": "district", "upazila": "district", "corregimiento": "village",
                 "vereda": "village", "aldea": "village", "colonia": "district", "barrio": "district",
                 "favela": "district", "sub-district": "district", "subdistrict": "district"}
DIVISION_FEATURES = frozenset({"state", "province", "region", "district", "county"})
DISTANCE_UNITS = frozenset({"km", "kilometre", "kilometer", "mile", "kilometres", "kilometers", "miles", "kms"})
_NEXT_CONTAINER = re.compile(
    r",\s+([A-Z][\w'’\- ]{2,40}?)(?:\s+(?:province|state|region|district|county|governorate|subdivision|"
    r"sub-division|sub-prefecture|prefecture|department|municipality|commune|division|zone|woreda|lga))?"
    r"(?=[.,;)]|\s*\(|\s*$)")
_PAREN = re.compile(r"\s*\(([^()]{2,80})\)")


SMALL_FEATURES = frozenset({"village", "town", "district", "camp"})


def named_feature(doc: Doc, span: Span) -> str | None:
    """The kind of small place a text calls a name: 'village' for 'the village of Vizcatán del Ené'
    or 'Bunari village', whatever entity label the model gave the name ('Vizcatán del Ené' is
    tagged ORG); None when no such word is written beside it."""
    before = doc[span.start - 2: span.start] if span.start > 1 else None
    if before is not None and before[1].lower_ == "of" and before[0].lower_ in FEATURE_WORDS \
            and FEATURE_WORDS[before[0].lower_] in SMALL_FEATURES:
        return FEATURE_WORDS[before[0].lower_]
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in after.children):
        return None  # 'a Guarani-Kaiowá camp', 'a Hezbollah village': whose it is, not its name
    if after is not None and after.lower_ in FEATURE_WORDS and FEATURE_WORDS[after.lower_] in SMALL_FEATURES \
            and not (span.end + 1 < len(doc) and doc[span.end + 1].pos_ in ("NOUN", "PROPN")):
        return FEATURE_WORDS[after.lower_]  # not 'the Kidal town council'
    j = span.end  # "Djibo and Arbinda communes": the plural after the last of coordinated names
    while j < len(doc) and j - span.end < 8 and (doc[j].lower_ in (",", "and", "or") or (
            doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())):
        j += 1
    if span.end < j < len(doc) and doc[j].tag_ == "NNS" and doc[j].lower_ in FEATURE_WORDS \
            and doc[j - 1].pos_ == "PROPN":
        return FEATURE_WORDS[doc[j].lower_]
    head = span.root
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    word = head.head.lower_ if head.head.lower_ in FEATURE_WORDS else head.head.lemma_.lower()
    if head.dep_ in ("compound", "poss", "nmod") and word in FEATURE_WORDS \
            and head.head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "conj", "appos"):
        return FEATURE_WORDS[word]  # 'a curfew on Bokkos and Mangu local government areas'
    return None


def regions_beside(doc: Doc, text: str, span: Span) -> tuple[str, ...]:
    """Containing places written beside a name: '(Tripoli)', '(Dagana, Hadjer-Lamis)', ', Ghor'."""
    rest = text[span.end_char: span.end_char + 90]
    word = re.match(r"\s+([A-Za-z-]+)", rest)  # "Pamoli village (Beni, Nord-Kivu)": past the feature word
    if word and word.group(1).lower() in FEATURE_WORDS:
        rest = rest[word.end():]
    found: list[str] = []
    m = _PAREN.match(rest)
    if m:
        found += [p.strip() for p in m.group(1).split(",") if p.strip()]
    else:  # ", Kolofata subdivision (Mayo-Sava, Extreme-Nord)", ", Ghor"
        m = _NEXT_CONTAINER.match(rest)
        if m:
            found.append(m.group(1))
            inner = _PAREN.match(rest[m.end():])
            if inner:
                found += [p.strip() for p in inner.group(1).split(",") if p.strip()]
    found += following_container(doc, span)
    head = span.root.head  # "Juba's Jebel neighbourhood": the owner of the frame noun contains it
    owner = next((c for c in head.children if c.dep_ == "poss"), None) if head.lower_ in FEATURE_WORDS else None
    owner_ent = entity_span(owner) if owner is not None else None
    if owner_ent is not None and owner_ent.label_ in ("GPE", "LOC"):
        found.append(doc[owner_ent.start: owner.i + 1].text.removesuffix("'s").removesuffix("’s").strip())
    return tuple(dict.fromkeys(found))

def following_container(doc: Doc, span: Span) -> list[str]:
    """'Mucojo in Macomia district', 'the villages of A, B and C in Ouallam department', 'the
    Abu Shouk camp on the outskirts of El Fasher': the next place named after 'in', 'of',
    'near' or 'outside' within a few words of the name."""
    j, seen = span.end, 0
    while j < len(doc) and seen < 10 and doc[j].text not in (".", ";", ":"):
        word = doc[j].lower_
        distance = word == "from" and any(t.lemma_.lower() in DISTANCE_UNITS for t in doc[max(j - 3, 0):j])
        if (word in ("in", "of", "near", "outside", "off") or distance) and j + 1 < len(doc):  # "20 km from Goma"
            k = j + 1
            while k < len(doc) and (doc[k].lower_ in ("the", "a", "outskirts", "coast", "edge", "edges", "of",
                                                     "northern", "southern", "eastern", "western", "central")
                                    or doc[k].lower_ in FEATURE_WORDS):
                k += 1
            ent = entity_span(doc[k]) if k < len(doc) and doc[k].ent_iob_ == "B" else None
            ent = ent if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") else None
            if ent is not None and ent.start > span.end:
                return [ent.text]
        if doc[j].ent_type_ in ("DATE", "TIME") or (doc[j].pos_ == "VERB" and j > span.end + 1):
            break
        j += 1
        seen += 1
    return []
