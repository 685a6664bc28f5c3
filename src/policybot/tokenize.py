"""Tokenizers for the lexical (BM25) side, on folded text.

Without segmentation a Chinese sentence is one token and BM25 scores near
zero; so text is cut into jieba words (with the lexicon's policy terms such
as 专精特新, 技改, 瞪羚, 规上, and a pattern that keeps 文号 whole) and/or
character bigrams. Which one finds more is measured (``policybot eval
--tokenizer``); the default is the winner.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Callable

from . import lexicon
from .normalize import fold_text, is_cjk

TOKENIZERS = ("char", "bigram", "jieba", "jieba+bigram")
DEFAULT_TOKENIZER = "jieba+bigram"

_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d{1,4}号")
_ASCII = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?%?")
_PUNCT = re.compile(r"[^\w\u4e00-\u9fff%〔〕]+")

# Function words and question words that carry no topic (the language, not the domain).
STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 把 被 对 于 为 以 等 或 也 就 都 而 并 其 之 这 那 有 个 吗 呢 吧 啊 呀 嘛 么 "
    "我 我们 你 你们 他 她 它 他们 咱 咱们 请问 请 问 一下 一个 什么 怎么 怎样 如何 多少 哪些 哪个 哪里 是否 "
    "能 能不能 可以 可不可以 会 要 想 需要 有没有 没有 给 让 还 又 再 呢 嗯 哦 吗 啥".split()
)

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    with _lock:
        jieba.setLogLevel(60)
        tk = jieba.Tokenizer()
        tk.initialize()
        for term, freq in lexicon.get().policy_terms:
            tk.add_word(fold_text(term), freq)
    return tk


def is_word(text: str) -> bool:
    """jieba's dictionary (with the lexicon's policy terms) holds ``text`` as a word."""
    return text in _jieba().FREQ


def _protect(text: str) -> tuple[str, list[str]]:
    """Pull 文号 and ASCII words/numbers out before Chinese segmentation."""
    found: list[str] = []

    def keep(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return " "

    def keep_docno(m: re.Match[str]) -> str:
        # the prefix may have run into the words before it: keep every short form
        whole = m.group(0)
        head, tail = whole[: whole.index("〔")], whole[whole.index("〔"):]
        found.extend(dict.fromkeys(head[-n:] + tail for n in range(min(len(head), 4), 1, -1)))
        return " "

    text = _DOCNO.sub(keep_docno, text)
    text = _ASCII.sub(keep, text)
    return text, found


def _cjk_runs(text: str) -> list[str]:
    runs, cur = [], []
    for ch in text:
        if is_cjk(ch):
            cur.append(ch)
        elif cur:
            runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return runs


def _chars(text: str) -> list[str]:
    return [c for run in _cjk_runs(text) for c in run if c not in STOPWORDS]


def _bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _cjk_runs(text):
        if len(run) == 1:
            if run not in STOPWORDS:
                out.append(run)
            continue
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


# 「资金多大规模」: jieba reads 多/大规模; the question word 多大 ends before the noun it asks the size of
_HOW_BIG = re.compile(r"(?<=多大)(?=规模|范围|力度|面积|幅度|程度|体量)")


def _words(text: str) -> list[str]:
    tk = _jieba()
    out = []
    for run in _cjk_runs(text):
        for w in (w for piece in _HOW_BIG.split(run) for w in tk.cut_for_search(piece, HMM=True)):
            if w and w not in STOPWORDS and not _PUNCT.fullmatch(w):
                out.append(w)
    return out


def segment(text: str) -> list[str]:
    """``text`` cut into words (jieba with the policy terms), verbatim: the
    pieces join back to the text."""
    return [w for piece in _HOW_BIG.split(text) for w in _jieba().cut(piece, HMM=True) if w]


def tokenize(text: str, kind: str = DEFAULT_TOKENIZER) -> list[str]:
    """Tokens of ``text`` (any form: it is folded first)."""
    if kind not in TOKENIZERS:
        raise ValueError(f"unknown tokenizer {kind!r}; choose one of {', '.join(TOKENIZERS)}")
    folded = fold_text(text)
    rest, kept = _protect(folded)
    tokens = list(kept)
    if kind == "char":
        tokens += _chars(rest)
    elif kind == "bigram":
        tokens += _bigrams(rest)
    else:
        words = _words(rest)
        tokens += words + _joined_words(rest, words)
        if kind != "jieba":
            tokens += ["#" + b for b in _bigrams(rest)]
    return tokens


# 「首台（套）」, 「工程（技术）研究中心」: a word or two put in brackets inside a term, which a question
# writes without them (首台套)
_INSERTED = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([\u4e00-\u9fff]{1,2})[)）](?=[\u4e00-\u9fff])")


def _joined_words(text: str, words: list[str]) -> list[str]:
    """The words the text (cut into ``words``) has only when its bracketed
    insertions are read into the term."""
    if not _INSERTED.search(text):
        return []
    have = set(words)
    return [w for w in dict.fromkeys(_words(_INSERTED.sub(r"\1", text))) if w not in have]


def tokenizer(kind: str = DEFAULT_TOKENIZER) -> Callable[[str], list[str]]:
    if kind not in TOKENIZERS:
        raise ValueError(f"unknown tokenizer {kind!r}; choose one of {', '.join(TOKENIZERS)}")
    return lambda text: tokenize(text, kind)


def check_tokenizer(kind: str) -> str:
    """``kind`` if it names a tokenizer, else a ``ConfigError`` listing them."""
    from .errors import ConfigError

    if kind not in TOKENIZERS:
        raise ConfigError(f"unknown tokenizer {kind!r}: use one of {', '.join(TOKENIZERS)} (--tokenizer or POLICYBOT_TOKENIZER).")
    return kind
