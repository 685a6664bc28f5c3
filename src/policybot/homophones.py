"""Policy terms typed with a homophone (voice input, pinyin keyboards).

「专精特心」, 「单向冠军」, 「绿色公厂」 are 专精特新, 单项冠军, 绿色工厂 typed by
sound: every character reads the same (tones aside) and one or two are
another character. A run of the question that reads like a policy term of
the lexicon (``policy_terms``, three characters or more) but is written
otherwise is read as that term. A run that is itself a term, or part of one,
is left as it is; so is any run that does not read exactly like a term, so
a real word (产业集团 beside 产业集群) is never changed.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from . import lexicon

MIN_LEN = 3  # two-character terms (技改, 规上) sound like too many ordinary words
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    """pypinyin's table of each character's readings, loaded alone: importing
    the package would also load its phrase tables (some 45 MB, 0.2 s), which a
    character's default reading does not need."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed: pip install pypinyin (a dependency of policybot)")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    table = importlib.util.spec_from_file_location("policybot._pinyin_dict", path)
    module = importlib.util.module_from_spec(table)
    table.loader.exec_module(module)
    return module.pinyin_dict


@lru_cache(maxsize=8192)
def _sound(ch: str) -> str:
    """A character's default reading without tones (精 -> jing); itself if it has none."""
    said = _readings().get(ord(ch)) if _HAN.fullmatch(ch) else None
    return _toneless(said.split(",")[0]) if said else ch


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


def _reading(text: str) -> tuple[str, ...]:
    return tuple(_sound(ch) for ch in text)


def _terms_by_sound(terms: tuple[str, ...]) -> dict[int, dict[tuple[str, ...], str]]:
    by: dict[int, dict[tuple[str, ...], str]] = {}
    for t in terms:
        if len(t) >= MIN_LEN and all(_HAN.fullmatch(ch) for ch in t):
            by.setdefault(len(t), {}).setdefault(_reading(t), t)
    return by


@lru_cache(maxsize=4)
def _lexicon_terms(fingerprint: str) -> tuple[tuple[str, ...], dict[int, dict[tuple[str, ...], str]]]:
    """The lexicon's policy terms and their readings, worked out once per lexicon."""
    terms = tuple(sorted(t for t, _ in lexicon.get().policy_terms))
    return terms, _terms_by_sound(terms)


# 「省极的」「国家极」: the level word typed by sound (极 for 级), not 极 as a word of its own (市极力, 城市极大)
_LEVEL_TYPED = re.compile(r"(?:(?<=国家)|(?<=[省市区县]))极(?![其力端限致为少度佳好强高低速简大小快多具易难])")


def _sounds(ch: str) -> set[str]:
    """Every reading of a character without tones (薄 -> bao, bo)."""
    said = _readings().get(ord(ch)) if _HAN.fullmatch(ch) else None
    return {_toneless(r) for r in said.split(",")} if said else {ch}


@lru_cache(maxsize=1)
def _cities_by_sound() -> dict[tuple[str, str], tuple[str, ...]]:
    """The two-character short names of the gazetteer's cities (淄博, 济宁), by how each of
    their characters can read (zi bo, ji ning)."""
    from .regions import city_short_names

    by: dict[tuple[str, str], list[str]] = {}
    for name in city_short_names():
        for a in _sounds(name[0]):
            for b in _sounds(name[1]):
                by.setdefault((a, b), []).append(name)
    return {k: tuple(dict.fromkeys(v)) for k, v in by.items()}


def _sounds_like_city(a: str, b: str) -> bool:
    by = _cities_by_sound()
    return any((x, y) in by for x in _sounds(a) for y in _sounds(b))


# characters that follow a word as a word of their own (「整个厂都做」: 都 of 厂都 is no 昌都's)
_FUNCTION_CHARS = frozenset("都也就还又才的了和在是把被给到")


def _city_typed(run: str) -> str | None:
    """「淄薄」, 「济凝」, 「资博」, 「季宁」: a city's short name typed by sound, one of its
    characters as written and the other another that can read the same; never a word
    of its own (jieba's dictionary) nor another place's name."""
    from .regions import is_alias
    from .tokenize import is_word

    if is_alias(run) or is_word(run):
        return None
    by = _cities_by_sound()
    found = dict.fromkeys(c for x in _sounds(run[0]) for y in _sounds(run[1]) for c in by.get((x, y), ())
                          if (c[0] == run[0]) != (c[1] == run[1]) and not (c[1] == run[1] and run[1] in _FUNCTION_CHARS))
    return next(iter(found)) if len(found) == 1 else None


def _cities_fixed(text: str) -> str:
    """Each city's short name typed by sound (``_city_typed``) written as it is; only
    where jieba keeps both characters out of any word of the text (「北京和天津」:
    和天 is no 和田, 天 being 天津's), or they open a word it makes up from the
    characters (「资博对」)."""
    from .tokenize import is_word, segment

    # (the text is cut into words only when some pair of its characters reads as a city typed by sound)
    if not any(_HAN.fullmatch(text[i]) and _HAN.fullmatch(text[i + 1]) and _sounds_like_city(text[i], text[i + 1])
               and _city_typed(text[i:i + 2]) for i in range(len(text) - 1)):
        return text
    out, at = list(text), 0
    words = segment(text)
    for k, w in enumerate(words):
        run = w if len(w) == 2 else w + words[k + 1] if len(w) == 1 and k + 1 < len(words) and len(words[k + 1]) == 1 else ""
        if len(w) > 2 and not is_word(w):  # a word jieba made up from the characters (「资博对」): its first two
            run = w[:2]
        if len(run) == 2 and _HAN.fullmatch(run[0]) and _HAN.fullmatch(run[1]) and (city := _city_typed(run)):
            out[at:at + 2] = list(city)
        at += len(w)
    return "".join(out)


def correct(text: str, terms: tuple[str, ...] | None = None) -> str:
    """``text`` with each run that reads like a policy term, and is not one,
    written as the term (at most two characters of a run differ); a level
    word or a city's short name typed by sound, written as it is."""
    terms, by = _lexicon_terms(lexicon.get().fingerprint) if terms is None else (terms, _terms_by_sound(terms))
    if not _HAN.search(text):
        return text
    text = _LEVEL_TYPED.sub("级", text)
    text = _cities_fixed(text)
    if not by:
        return text
    reading = _reading(text)
    out, i = list(text), 0
    while i < len(text):
        for n in sorted(by, reverse=True):  # the longest term first (专精特新小巨人 before 专精特新)
            run = text[i:i + n]
            if len(run) < n:
                continue
            term = by[n].get(reading[i:i + n])
            if term is None or term == run or any(run in t for t in terms):
                continue
            if sum(a != b for a, b in zip(run, term)) > 2:
                continue
            out[i:i + n] = list(term)
            i += n - 1
            break
        i += 1
    return "".join(out)
