"""Runs of tokens that make a name: 'Khallet al-Forjan', a list of names ('X, Y and Z'), and model
entities that run through a list or a parenthesis."""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["ARTICLES", "PARTICLES", "name_run", "name_list", "broken"]

ARTICLES = {"al", "el", "ad", "as", "ar", "at", "az", "ash", "an", "ed", "es"}  # "al-Watiya": a name's article
PARTICLES = ARTICLES | {"e", "i", "o", "u", "de", "di", "du", "la", "le", "ul", "ur", "bin", "ben"}  # inside hyphens


def name_run(doc: Doc, j: int) -> int:
    """The end of a proper name starting at `j`: capitalised words, with 'al-' articles and
    hyphens inside ('Khallet al-Forjan', 'Ain Zara')."""
    start = j
    while j < len(doc):
        token = doc[j]
        if token.text[:1].isupper() and (token.pos_ == "PROPN" or (
                token.pos_ in ("ADJ", "NOUN") and token.i > token.sent.start)):  # 'the village of Double'
            j += 1
        elif token.text == "-" and j > start and j + 3 < len(doc) and doc[j + 1].lower_ in PARTICLES \
                and doc[j + 2].text == "-" and doc[j + 3].text[:1].isupper():
            j += 3  # 'Dasht-e-Barchi', 'Bab-el-Oued'... as one name
        elif token.lower_ in ARTICLES and j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].text[:1].isupper():
            j += 2
        elif token.text == "-" and j > start and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return j


def name_list(doc: Doc, j: int, several: bool) -> list[list[int]]:
    """The names at `j`; with `several`, a list of them ('X, Y and Z')."""
    names = []
    while True:
        end = name_run(doc, j)
        if end == j:
            break
        names.append(list(range(j, end)))
        if not several or end >= len(doc):
            break
        k = end
        if doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].lower_ in ("and", "or"):
            k += 1
        if doc[k].text in (",",) or doc[k].lower_ in ("and", "or"):
            j = k + 1
            continue
        break
    return names


def broken(ent: Span) -> bool:
    """A model entity that runs into or through a parenthesis ('Rafah (Rafah, North Sinai') or
    a list."""
    return any(t.text in ("(", ")") for t in ent) or (ent.label_ in ("ORG", "PERSON") and any(
        t.text == "," for t in ent))  # 'Kabamba, Lushebere' as one ORG: a list of names
