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
    if not said:
        return ch
    return "".join(c for c in unicodedata.normalize("NFD", said.split(",")[0]) if not unicodedata.combining(c))


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


def correct(text: str, terms: tuple[str, ...] | None = None) -> str:
    """``text`` with each run that reads like a policy term, and is not one,
    written as the term (at most two characters of a run differ)."""
    terms, by = _lexicon_terms(lexicon.get().fingerprint) if terms is None else (terms, _terms_by_sound(terms))
    if not by or not _HAN.search(text):
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
