"""Datelines that open a story ('KABUL —', 'KHARTOUM, April 9 —', 'RIMBO, Sweden (Reuters) –')."""
from __future__ import annotations

import re

__all__ = ["find_dateline", "mask_dateline", "US_STATE_ABBREVIATIONS"]

# AP-style state abbreviations a US dateline ends with ("PORTLAND, Ore.", "AUSTIN, Texas" is a name):
# such a part names the United States, not a town called 'Ore' or 'Pa'
US_STATE_ABBREVIATIONS = frozenset("""Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md.
Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va.
Wash. W.Va. Wis. Wyo. D.C.""".split())

# capital letters of the Latin alphabets place names are written in ('CÚCUTA', 'APATZINGÁN', 'ŁÓDŹ')
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x180) if chr(c).isupper())
_DATELINE = re.compile(
    r"""^\s*
    (?P<line>
      (?:[A-Z]{2,}[A-Za-z]*\s*,\s*)?                  # an agency first: 'AP, '
      [<U>][<U>'.\-]+(?:\s+[<U>][<U>'.\-]+){0,3}      # the place in capitals
      (?:\s*,\s*[<U>][\w.'\-]+(?:\s+[<U>][\w.'\-]+)?)? # ', Sweden', ', Michoacán'
      (?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?         # ', April 9'
      (?:\s*\([^)\n]{1,40}\))?                         # ' (Reuters)'
    )
    \s*(?:—|–|-{1,2}|>>|\n\s*\n)\s*""".replace("<U>", _UPPER),
    re.VERBOSE,
)


def find_dateline(text: str) -> tuple[str, int] | None:
    """The dateline at the start of `text` and where the story proper begins, or None.

    >>> find_dateline("KHARTOUM, April 9 — Sudanese security forces fired tear gas.")
    ('KHARTOUM, April 9', 20)
    >>> find_dateline("Militias in western Libya fought.") is None
    True
    """
    match = _DATELINE.match(text[:120])
    if match is None:
        return None
    return match["line"].strip(), match.end()


# a line of capitals alone: the section header of a briefs column ('MOGADISHU', 'LOWER SHABELLE')
_HEADER = re.compile(r"(?m)^[ \t]*[<U>][<U>'.\- ]{1,40}[ \t]*\n".replace("<U>", _UPPER))


# a label opening a paragraph: a briefs item's country ('Burundi: On 1 March, ...'), 'Summary:'
_LABEL = re.compile(r"(?m)^([<U>][\w'’\-]*(?: [<U>][\w'’\-]*){0,3}):(?=[ \t])".replace("<U>", _UPPER))


def mask_dateline(text: str) -> str:
    r"""The text with its opening dateline and its section headers blanked out, and a label that
    opens a paragraph ('Burundi: On 1 March ...') made a sentence of its own (same length, so
    offsets still hold): none is part of the sentence after it.

    >>> mask_dateline("GEDO\nFighting broke out.")
    '.   \nFighting broke out.'
    >>> mask_dateline("Chad: On 6 March, soldiers arrested 40 men.")
    'Chad. On 6 March, soldiers arrested 40 men.'
    """
    found = find_dateline(text)
    if found is not None:
        _, end = found
        text = " " * end + text[end:]
    text = _LABEL.sub(lambda m: m.group(1) + ".", text)  # "Burundi." names the country, acts in nothing
    return _HEADER.sub(lambda m: "." + " " * (len(m.group()) - 2) + "\n", text)  # the '.' keeps the break
