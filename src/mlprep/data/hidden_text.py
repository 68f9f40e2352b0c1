"""Characters a reader cannot see, refused in the data's text and links.

YAML escapes ("\\u00ad", "\\U000e0041") can put any character in a data file, and a
title or link that hides part of itself misleads the reader it is shown to. The check
goes by Unicode category, as ``terminal_text`` does, so that no fixed list goes stale:
controls (Cc, but tab and line break), format characters (Cf: bidi controls, zero-width
characters, the soft hyphen, tags), surrogates (Cs), private use (Co: a box, or a
vendor's logo on some systems), unassigned code points and noncharacters (Cn, U+FFFE),
line and paragraph separators (Zl, Zp). Cn follows the Python's Unicode version, so an
emoji newer than it is refused until Python knows it: a rare cost, and a safe one.

A few letters, marks and symbols of other categories show nothing or a blank, so a title
of just U+3164 would be an empty-looking link: those are named in ``BLANK_LOOKING``.
"""

from __future__ import annotations

import unicodedata
from typing import Final

REFUSED_CATEGORIES: Final = (
    "Cc",
    "Cf",
    "Cs",
    "Co",
    "Cn",
    "Zl",
    "Zp",
)  # Final: typed as its literals, as typed APIs ask
# Unicode's default-ignorable letters and marks (outside the categories above), and the symbols
# drawn as a blank: the Hangul fillers, the combining grapheme joiner, Khmer's inherent vowels,
# Mongolian's free variation selectors, the blank Braille pattern, the null notehead.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\U0001d159")
# Variation selectors (Mn) pick a glyph for the character before them; in a row, they can carry
# hidden bytes behind one emoji.
VARIATION_SELECTORS = frozenset(chr(c) for c in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)))
# Text or emoji presentation ("❤️" is U+2764 U+FE0F; a keycap "1️⃣" holds one too): allowed in text,
# one directly after a character that shows, since emoji in titles are written so.
_PRESENTATION = frozenset("\ufe0e\ufe0f")
# Zero-width joiner and non-joiner: allowed in text between two non-ASCII letters, marks or symbols,
# where they form an emoji sequence ("👩‍💻"), a Devanagari half form or a Persian word. Between ASCII
# letters, or at an edge, they only hide: "Ka\u200dggle" looks like, but is not, "Kaggle".
_JOINERS = frozenset("\u200c\u200d")
_TEXT_BREAKS = frozenset("\n\t")  # folded and literal YAML blocks hold them; the site shows them as space


def _shows(ch: str) -> bool:
    hidden = ch in BLANK_LOOKING or ch in VARIATION_SELECTORS or unicodedata.category(ch) in REFUSED_CATEGORIES
    return not hidden and not ch.isspace()


def _joins(before: str, after: str) -> bool:
    return all(not ch.isascii() and unicodedata.category(ch)[0] in "LMS" for ch in (before, after))


def hidden_at(text: str, *, link: bool = False) -> int | None:
    """The index of the first character in ``text`` a reader would not see, or None.

    A link (``link=True``) may hold no format character or variation selector at all: an address
    has no emoji to present or script to join, and a hidden character changes where it goes.
    """
    for i, ch in enumerate(text):
        if ch in _TEXT_BREAKS and not link:
            continue
        if ch in BLANK_LOOKING:
            return i
        if ch in VARIATION_SELECTORS:
            if link or ch not in _PRESENTATION or i == 0 or not _shows(text[i - 1]):
                return i
            continue
        if unicodedata.category(ch) in REFUSED_CATEGORIES:
            if link or ch not in _JOINERS or not 0 < i < len(text) - 1 or not _joins(text[i - 1], text[i + 1]):
                return i
    return None
