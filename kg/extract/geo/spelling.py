"""Spellings a name key does not fold: 'Garabulli' ~ 'Qarabulli', 'Almargeb' ~ 'Al Marqab'.

`kg.extract.names.name_key` folds the common transliteration pairs of one sound (q/k, gh/g,
ou/u, doubled letters). Arabic, Persian and Berber names in news and monitoring notes vary
further: the letter qaf is written q, k or g (Libyan and Gulf usage writes 'Garabulli' for
Qarabulli), the article is fused to the name ('Almargeb', 'Azzawya') and short vowels come and
go ('Qaser'/'Qasr', 'Margeb'/'Marqab'). A name the index lacks is therefore looked up by its
consonant skeleton (the index keeps every key's skeleton, `build`), the keys found are compared
sound by sound (`same_sounds`), and only places in the story's countries are accepted: with the country fixed, two names of one skeleton are very
likely one place; without it, the match would be a guess.
"""
from __future__ import annotations

import re

from ..names import fold, name_key

__all__ = ["same_sounds", "skeleton", "spellings"]

_FUSED_ARTICLE = re.compile(r"^(?:al|el)(?=[a-z]{4})|^a(?=([dnrstz])\1[a-z]{3})")  # 'almargeb', 'azzawya'
_VOWELS = re.compile(r"[aeiouy]")


def same_sounds(a: str, b: str) -> bool:
    """Two keys that differ only as transliterations do: q/k/g, the quality of a short vowel
    (a/e, i/y, o/u), or one inner vowel the other spelling drops; long enough to tell apart.

    >>> same_sounds("kaser bn gashir", "kasr bn gashir"), same_sounds("margeb", "markab")
    (True, True)
    >>> same_sounds("kiwanga", "kwango"), same_sounds("gakara", "gakiri"), same_sounds("bara", "beroa")
    (False, False, False)
    """
    if min(len(a.replace(" ", "")), len(b.replace(" ", ""))) < 5:
        return False
    x, y = _shape(a), _shape(b)
    if x == y:
        return True
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1:] == shorter for i in range(1, len(longer) - 1)
        if longer[i] in "aiu" and longer[i - 1] not in "aiu " and longer[i + 1] not in "aiu ")


_VOWEL_CLASS = {"a": "a", "e": "a", "i": "i", "y": "i", "o": "u", "u": "u"}


def _shape(key: str) -> str:
    """Consonants kept (q/k/g as k), each vowel group as the class of its first vowel."""
    return re.sub(r"[aeiouy]+", lambda m: _VOWEL_CLASS[m.group(0)[0]], key.replace("g", "k"))


def skeleton(key: str) -> str:
    """A key's consonants, q/k/g as one letter, each word keeping its first letter.

    >>> skeleton("garabuli") == skeleton("karabuli"), skeleton("margeb") == skeleton("markab")
    (True, True)
    >>> skeleton("kaser bn gashir") == skeleton("kasr bn gashir")
    True
    """
    words = []
    for word in key.replace("g", "k").split():
        words.append(word[0] + _VOWELS.sub("", word[1:]))
    return " ".join(words)


def spellings(name: str) -> list[str]:
    """The keys a name may be indexed under: its own, and without a fused article.

    >>> spellings("Almargeb"), spellings("Azzawya")
    (['almargeb', 'margeb'], ['azawia', 'zawia'])
    """
    out = [name_key(name)]
    words = fold(name).split()
    if words:
        bare = _FUSED_ARTICLE.sub("", words[0])
        if bare != words[0]:
            out.append(name_key(" ".join([bare, *words[1:]])))
    return [k for k in dict.fromkeys(out) if k]
