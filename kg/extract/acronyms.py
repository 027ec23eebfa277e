"""Short names an article defines for itself: "Frontline Medical Aid (FMA)", "the District Reserve
Guard (DRG)". A name followed by a parenthesised short form in capitals makes that short form
stand for the name everywhere in the article ("FMA teams evacuated ..."), whether or not the
dictionary lists either; the article's own definition wins over a dictionary reading of the
letters (an article's "ADF" is whatever it says it is).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

__all__ = ["article_acronyms"]

_SHORT = re.compile(r"[A-Z][A-Za-z0-9&-]{1,9}")
_NAME_LABELS = frozenset({"ORG", "PERSON", "NORP", "FAC", "GPE"})
_OFFICE = re.compile(r"(?:Special |Deputy |High |Chief |Acting )*(?:Representative|Envoy|Secretary|Minister|President|"
                     r"Commissioner|Coordinator|Rapporteur|Adviser|Advisor|Director|Commander|Head)\b", re.I)


def article_acronyms(doc: Doc) -> dict[str, tuple[str, int]]:
    """short form -> (the name it stands for, the index of the name's head token), in this article.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Frontline Medical Aid ( FMA ) said FMA teams were there.")
    >>> article_acronyms(doc)
    {'FMA': ('Frontline Medical Aid', 2)}
    """
    found: dict[str, tuple[str, int]] = {}
    ends = {ent.end: ent for ent in doc.ents if ent.label_ in _NAME_LABELS}
    for token in doc:
        i = token.i
        if token.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        short = doc[i + 1].text
        if not _SHORT.fullmatch(short) or sum(ch.isupper() for ch in short) < 2:
            continue
        ent = ends.get(i)
        if ent is not None and ent.label_ == "GPE":
            continue  # "the Mission in the Democratic Republic of the Congo (MONUSCO)": a longer name
        if ent is not None:  # 'the Indigenous Missionary Council (CIMI)': in any language
            name, head = ent.text, ent.root.i
        else:  # a run of capitalised words the model left untagged: its initials must agree
            j = i
            while j > 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in ("of", "for", "and", "the", "de")):
                j -= 1
            while j < i and not doc[j].text[:1].isupper():
                j += 1
            words = [t for t in doc[j:i] if t.text[:1].isupper()]
            if len(words) < 2:
                continue
            name, head = re.sub(r"^(?:the|The)\s+", "", doc[j:i].text).strip(), i - 1
            if name[:1].upper() != short[:1].upper():
                continue
        name = re.sub(r"^(?:the|The)\s+", "", name).strip()
        if not name:
            continue
        if _OFFICE.match(name):
            continue  # 'the Special Representative of the Secretary-General (SRSG)': an office a person holds
        if name != short and short not in found:
            found[short] = (name, head)
    return found
