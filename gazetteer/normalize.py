"""Folding and transliteration keys for Arabic-origin place names.

Reporting spells one Iraqi place many ways: *Falluja*, *Fallujah*, *Al-Fallujah*,
*Fallouja* and *الفلوجة* are one town. This module reduces a name to keys on
which such spellings agree:

``fold``
    Unicode-, case- and punctuation-insensitive form: diacritics removed,
    apostrophes and ayn/hamza marks dropped, words separated by one space.
    Arabic script is normalised (alef and hamza forms, ta marbuta, alif
    maqsura, tatweel, harakat). Two names with equal folds are the same
    spelling.
``name_key``
    The transliteration key for Latin script. On top of ``fold`` it drops the
    article (*al-*, *el-*, and the assimilated *as-*, *ash-*, *ad-*, *ar-*,
    *at-*, *az-*, *an-*...) and administrative words (*Nahiyat*, *Qada*,
    *Muhafazat*, *Province*...), canonicalises generic words (*Tal/Tall/Tel/
    Tell*, *Jabal/Jebel*, *Qaryat*, *Abu/Abou*), then merges the consonants
    romanizations confuse (q/k/g/j/c, dh/th/z/d, kh/h, gh/g, sh/ch, p/b, v/f),
    doubled letters, and every run of vowels (with *w* and *y* next to a
    vowel) into one vowel mark. Endings *-a/-ah/-aa*, *-iya/-iyah/-iyya/-ia/
    -ieh* all reduce to that mark.
``skeleton``
    The consonant skeleton: ``name_key`` without vowels (nor *w*, *y*) and
    without a final *h*. Arabic script writes no short vowels, so Arabic input
    is compared with Latin names on this key; Arabic letters are transliterated
    first (``transliterate_arabic``).

The rules are deliberately symmetric: the same function is applied to the
names in the gazetteer and to the query, so each rule only has to map
variants to one form, not to the "right" one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "FACILITY_WORDS",
    "fold",
    "is_arabic",
    "name_key",
    "skeleton",
    "consonant_shape",
    "strip_article",
    "without_admin_words",
    "transliterate_arabic",
    "GOVERNORATE_WORDS",
    "VOWEL_MARK",
]

#: Marks that romanizations use for ayn and hamza, and typographic apostrophes.
_APOSTROPHES = "'’‘`´ʿʾʼʻ′‛ʹʺˈ\u02bb\u02bc\u0621"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
#: Kurdish writes a word-initial vowel on a hamza seat (ئامێدی, Amedi): not a consonant.
_HAMZA_SEAT_RE = re.compile(r"(?<!\w)ئ")
_NON_WORD_RE = re.compile(r"[^\w]+|_+")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

#: Letters that do not decompose under NFD but have an obvious Latin base.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "ə": "e",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
        "ŧ": "t",
    }
)

#: Arabic-script letters folded to one form (NFD already removed hamza and madda).
_ARABIC_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # ta marbuta
        "ى": "ي",  # alif maqsura
        "ی": "ي",  # Persian/Kurdish yeh
        "ې": "ي",
        "ێ": "ي",
        "ک": "ك",  # keheh
        "ە": "ه",  # Kurdish ae
        "ۆ": "و",
        "ـ": None,  # tatweel
    }
)

#: Arabic letters to Latin, for the consonant skeleton. Ayn and hamza vanish;
#: ta marbuta (already folded to ه) is handled as a final h.
_ARABIC_TO_LATIN = str.maketrans(
    {
        "ا": "a",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "gh",
        "ف": "f",
        "ڤ": "v",
        "ق": "q",
        "ك": "k",
        "گ": "g",
        "ل": "l",
        "ڵ": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "و": "w",
        "ي": "y",
        "پ": "p",
        "چ": "ch",
        "ژ": "zh",
        "ڕ": "r",
    }
)

#: Article tokens dropped anywhere before another word.
_ARTICLES = frozenset({"al", "el", "il", "ul", "ol"})
#: Assimilated articles ("ash Sharqat", "ar Ramadi"): dropped only before a word
#: that starts with the consonant they assimilate to.
_SUN_ARTICLES = {
    "at": "t",
    "ath": "th",
    "ad": "d",
    "adh": "dh",
    "ar": "r",
    "az": "z",
    "as": "s",
    "ash": "sh",
    "an": "n",
    "et": "t",
    "ed": "d",
    "er": "r",
    "ez": "z",
    "es": "s",
    "esh": "sh",
    "en": "n",
}
#: Administrative words that are not part of a place's name.
_ADMIN_WORDS = frozenset(
    {
        "nahiyat",
        "nahiyah",
        "nahiya",
        "nahia",
        "qada",
        "qadaa",
        "qadha",
        "qadhaa",
        "markaz",
        "muhafazat",
        "muhafazah",
        "muhafaza",
        "province",
        "governorate",
        "district",
        "subdistrict",
    }
)
#: Words that mark a governorate ("Diyala Province"); see ``Gazetteer.lookup``.
GOVERNORATE_WORDS = frozenset({"province", "governorate", "muhafazat", "muhafazah", "muhafaza"})
#: Words that end the names of facilities and features ("Rabia border crossing", "Hamrin Mountains"): two names
#: ending with the same ones share nothing that tells the places apart.
FACILITY_WORDS = frozenset(
    {
        "border", "crossing", "checkpoint", "gate", "dam", "barrage", "bridge", "airport", "airfield", "airbase",
        "air", "base", "camp", "refinery", "field", "oilfield", "oil", "station", "plant", "prison", "palace",
        "mountains", "mountain", "hills", "hill", "lake", "valley", "island", "junction",
    }
)  # fmt: skip
#: Generic words with many spellings, mapped to one.
_GENERIC_WORDS = {
    **dict.fromkeys(("tal", "tall", "tel", "tell", "til", "till"), "tal"),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jebal", "gebel", "jbel", "jabl"), "jabal"),
    **dict.fromkeys(("qaryat", "qarya", "qaryah", "qariya", "qariyat", "karyat", "qaria"), "qarya"),
    **dict.fromkeys(("khan", "khaan"), "khan"),
    **dict.fromkeys(("abu", "abou", "abo", "aboo"), "abu"),
    **dict.fromkeys(("umm", "um", "om", "oum"), "umm"),
    **dict.fromkeys(("bani", "beni", "bany"), "bani"),
    **dict.fromkeys(("ain", "ayn", "ein", "ayin"), "ain"),
    **dict.fromkeys(("mount", "mountain", "mountains", "mt", "mts"), "jabal"),
    # English compass words, whose keys would otherwise meet ("East" and "West" both lose their w and vowels)
    "east": "sharq",
    "west": "gharb",
    "north": "shamal",
    "south": "janub",
}
#: Digraphs first, then single letters (the romanizations' consonant confusions).
_DIGRAPHS = (("sh", "S"), ("ch", "S"), ("kh", "h"), ("gh", "k"), ("dh", "d"), ("th", "d"), ("ph", "f"), ("zh", "k"))
_CONSONANTS = str.maketrans({"q": "k", "g": "k", "j": "k", "c": "k", "z": "d", "p": "b", "v": "f", "x": "ks"})
_VOWELS = frozenset("aeiou")
_DOUBLED_RE = re.compile(r"(.)\1+")
VOWEL_MARK = "a"
_LATIN_VOWELS = str.maketrans({"u": "w", "o": "w", "i": "y", "e": "y", "a": None})
_ARABIC_VOWELS = str.maketrans({"a": None})


def is_arabic(text: str) -> bool:
    """Tell whether ``text`` contains Arabic-script letters.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    bool
        True if at least one character is in an Arabic Unicode block.

    Examples
    --------
    >>> is_arabic("الفلوجة"), is_arabic("Falluja")
    (True, False)
    """
    return bool(_ARABIC_RE.search(text))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold case, diacritics, apostrophes and punctuation.

    Parameters
    ----------
    text : str
        A place name in Latin or Arabic script.

    Returns
    -------
    str
        Lower-case words separated by single spaces; empty if nothing is left.

    Examples
    --------
    >>> fold("Tall ‘Afar")
    'tall afar'
    >>> fold("Al-Fallūjah")
    'al fallujah'
    >>> fold("الفلوجة") == fold("الفلوجه")
    True
    """
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = _HAMZA_SEAT_RE.sub("", text)
        text = unicodedata.normalize("NFD", text.translate(_LATIN_EXTRA))
        text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
        text = text.translate(_ARABIC_FOLD)
    text = _APOSTROPHE_RE.sub("", text)
    return _NON_WORD_RE.sub(" ", text).strip()


def without_admin_words(folded: str) -> str:
    """A folded name without its administrative words (*district*, *qada*, *nahiyat*), unless it is one.

    Examples
    --------
    >>> without_admin_words("mosul district"), without_admin_words("qada sinjar"), without_admin_words("district")
    ('mosul', 'sinjar', 'district')
    """
    words = folded.split()
    kept = [w for w in words if w not in _ADMIN_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else folded


def strip_article(words: list[str]) -> list[str]:
    """Drop Arabic articles and administrative words from a list of folded words.

    Latin articles (``al``, ``el``, ``ash``...) are dropped when another word
    follows; an assimilated article only before a word starting with its
    consonant (``ar ramadi``). The Arabic article ``ال`` is dropped from the
    front of every Arabic word longer than three letters.

    Parameters
    ----------
    words : list of str
        Words of a folded name (see ``fold``).

    Returns
    -------
    list of str
        The remaining words; never empty unless ``words`` was.

    Examples
    --------
    >>> strip_article(["ar", "ramadi"])
    ['ramadi']
    >>> strip_article(["abu", "al", "khasib"])
    ['abu', 'khasib']
    >>> strip_article(["an", "ana"])
    ['an', 'ana']
    """
    kept: list[str] = []
    last = len(words) - 1
    for i, word in enumerate(words):
        nxt = words[i + 1] if i < last else ""
        if nxt and (word in _ARTICLES or nxt.startswith(_SUN_ARTICLES.get(word, "\0"))):
            continue
        if word in _ADMIN_WORDS and len(words) > 1:
            continue
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        elif word.startswith("وال") and len(word) > 4:
            word = word[3:]
        kept.append(word)
    return kept or list(words)


def transliterate_arabic(text: str) -> str:
    """Transliterate folded Arabic script to a plain Latin consonant string.

    Parameters
    ----------
    text : str
        Text already passed through ``fold``.

    Returns
    -------
    str
        Latin letters; Arabic letters without short vowels stay without them.

    Examples
    --------
    >>> transliterate_arabic(fold("تلعفر"))
    'tlfr'
    """
    return text.translate(_ARABIC_TO_LATIN)


def _vowel_classes(word: str) -> str:
    """Replace each run of vowels (with adjacent w/y) by one vowel mark."""
    out: list[str] = []
    prev_vowel = False
    for i, ch in enumerate(word):
        vowel = ch in _VOWELS
        if not vowel and ch in "wy":
            nxt = word[i + 1] if i + 1 < len(word) else ""
            vowel = prev_vowel or nxt in _VOWELS
        if vowel:
            if not prev_vowel:
                out.append(VOWEL_MARK)
        else:
            out.append(ch)
        prev_vowel = vowel
    return "".join(out)


def _consonants(text: str) -> str:
    for digraph, repl in _DIGRAPHS:
        text = text.replace(digraph, repl)
    return text.translate(_CONSONANTS)


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[tuple[str, ...], bool]:
    """Words of a name with articles and generic words handled, and its script.

    A final *h* after a vowel (*-ah*, *-iyah*) is dropped from Latin words;
    from Arabic words every final *h* (mostly a ta marbuta) is.
    """
    folded = fold(text)
    arabic = is_arabic(folded)
    words = []
    for word in strip_article(folded.split()):
        if arabic:
            if len(word) > 1 and word.endswith("ه"):
                word = word[:-1]
            word = transliterate_arabic(word)
        else:
            word = _GENERIC_WORDS.get(word, word)
            if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
                word = word[:-1]
        words.append(word)
    return tuple(w for w in words if w), arabic


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Transliteration key of a name: spellings of one name share it.

    Arabic-script input is transliterated first, so its key is only
    comparable through ``skeleton``; use ``skeleton`` across scripts.

    Parameters
    ----------
    text : str
        A place name as written.

    Returns
    -------
    str
        The key; empty if the name has no letters.

    Examples
    --------
    >>> name_key("Fallujah") == name_key("Al-Falluja") == name_key("Fallouja")
    True
    >>> name_key("Tal Afar") == name_key("Telafar") == name_key("Tall 'Afar")
    True
    >>> name_key("Muqdadiya") == name_key("al-Miqdadiyah")
    True
    """
    words, _ = _words(text)
    return _vowel_classes(_DOUBLED_RE.sub(r"\1", _consonants("".join(words))))


@lru_cache(maxsize=65536)
def consonant_shape(text: str) -> str:
    """Consonants and long-vowel letters of a name, comparable across scripts.

    Arabic script writes consonants and the long vowels (ا و ي) but not short
    vowels. This form writes a Latin name the same way (*u*, *o* as *w*; *i*,
    *e* as *y*; *a* dropped) so that an Arabic name and its romanizations can
    be compared with an edit distance. ``skeleton`` is this form without *w*
    and *y*.

    Parameters
    ----------
    text : str
        A place name in Latin or Arabic script.

    Returns
    -------
    str
        The shape, possibly empty.

    Examples
    --------
    >>> consonant_shape("الضلوعية"), consonant_shape("Duluiya")
    ('dlwy', 'dwlwy')
    """
    words, arabic = _words(text)
    text = _consonants("".join(words))
    text = text.translate(_ARABIC_VOWELS if arabic else _LATIN_VOWELS)
    return _DOUBLED_RE.sub(r"\1", text)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Consonant skeleton of a name, comparable across Latin and Arabic script.

    Parameters
    ----------
    text : str
        A place name in Latin or Arabic script.

    Returns
    -------
    str
        The consonants of the name, without vowels, *w* or *y*.

    Examples
    --------
    >>> skeleton("الفلوجة") == skeleton("Fallujah")
    True
    >>> skeleton("بيجي") == skeleton("Baiji")
    True
    >>> skeleton("قرة قوش") == skeleton("Qaraqosh")
    True
    """
    return _DOUBLED_RE.sub(r"\1", consonant_shape(text).replace("w", "").replace("y", ""))
