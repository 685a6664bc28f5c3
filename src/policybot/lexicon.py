"""The domain vocabulary as data: ``data/lexicon.json`` (or the file named by
``POLICYBOT_LEXICON``).

It says what questions ask for (intents, the *slots* an answer must carry:
amount, rate, department, date, contact, place, duration, conditions) and
how documents say it (support words, money patterns, policy terms for the
tokenizer, document kinds), plus the injection patterns, the English glossary
and the query expansions. Code holds the mechanism; nothing in the file names
a single question.

Loaded once per path and compiled; ``fingerprint()`` is the SHA-256 of the
file's bytes, recorded in the index manifest (the tokenizer's dictionary
comes from here, so an index depends on it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import ConfigError

ENV = "POLICYBOT_LEXICON"


@dataclass(frozen=True)
class Slot:
    """Something a question can ask for, and how a sentence carries it."""

    name: str
    asked: re.Pattern[str]
    carried: re.Pattern[str]
    what: str  # how a refusal names it: "写明具体金额或标准的条款"
    # kinds of it a question may ask for by name, each with what a sentence must say to carry that kind
    # (网址 asked: a platform's name is not its web address)
    kinds: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    fingerprint: str
    source: str
    injection: tuple[re.Pattern[str], ...]
    fake_source: re.Pattern[str]
    orders: re.Pattern[str]  # what an instruction tells the assistant to do (直接回复, 确认): not part of a claim's content
    glossary: tuple[tuple[re.Pattern[str], str], ...]
    dialect: tuple[tuple[re.Pattern[str], str], ...]  # regional spoken words (几多, 边个, 系咪) and their written form
    question_words: re.Pattern[str]
    intents: tuple[tuple[str, re.Pattern[str]], ...]
    support_words: re.Pattern[str]
    subsidy_ask: re.Pattern[str]
    money: re.Pattern[str]
    number: re.Pattern[str]
    slots: tuple[Slot, ...]
    units: re.Pattern[str]
    money_kinds: re.Pattern[str]  # the kinds of money a question can be about: 税, 费, 租, 息 …
    expansions: tuple[tuple[re.Pattern[str], str], ...]
    generic_words: frozenset[str]
    policy_terms: tuple[tuple[str, int], ...]
    document_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    document_question: re.Pattern[str]
    document_facets: tuple[tuple[str, re.Pattern[str]], ...]
    spoken: tuple[tuple[str, str], ...] = ()  # spoken words -> the written ones patterns are made of (啥 -> 什么)
    # a place named as a likeness (「跟市中区类似的计划」): the words before it, the words after it
    likeness: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    known: re.Pattern[str] | None = None  # what the asker already knows (「…我知道」): not asked
    # the asker telling who they are (「我们是…的企业」) unless saying what they want or did (想上, 刚被认定),
    # and how things stand with them (「一年水费不少」): not asked
    asker_self: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
    # the size of a fund (「设立2亿元工业发展专项资金」), and a question that asks about one
    fund: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # who qualifies (「要满足啥条件」), and a measure's own 「对…的企业，给予…」 that says it
    eligibility: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # a bar asked (「营收多少才够格」, 「成立几年才能申请」: the figures asked before it are conditions), and
    # one the asker supposes (「得是规上企业才能报」: what the answer checks, not what the support is for)
    threshold: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    own_measure: re.Pattern[str] | None = None  # 「区里有没有额外的配套奖补」: the place's own measure, not its city's
    # measures of output a question may ask a figure of by name (增加值, 出口额, 能耗), each with what a sentence
    # must say to speak of it: a figure of another measure (营业收入) does not give it
    indicators: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = ()
    clause_asked: re.Pattern[str] | None = None  # 「写在第几条？」: where in its document a provision sits
    placed_at: re.Pattern[str] | None = None  # 「…是放在第二部分吧」: where a part of a document stands, guessed
    goal_horizon: re.Pattern[str] | None = None  # 「目标定到哪一年」: how far a document's goals reach
    parts_counted: re.Pattern[str] | None = None  # 「保障措施一共几条」: how many items a part of a document holds, or their titles
    # one party's share of a fund asked (「市里跟县里各出多少」), the fund said to be funded together
    # (市县共同出资), and a split said (比例, 分担)
    joint_fund: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
    institutions: re.Pattern[str] | None = None  # kinds of institution a question may ask for by name (「哪几家银行」)
    asks_quantity: re.Pattern[str] | None = None  # 多少, 几家: a figure is asked, not what a section holds
    exact_asked: re.Pattern[str] | None = None  # 具体是多少: the figure in digits, not 「突破万亿元」
    # how to apply asked (怎么申请, 需要什么材料), and the words of a sentence that says it
    procedure: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    support_whether: re.Pattern[str] | None = None  # 「给不给钱」, 「有没有补贴」: whether there is support, beside how much
    # a verdict asked (「评估报告的结论是什么」, 「落实得咋样」), and the words that open one (评估认为, 总体来看)
    conclusion: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # what comes next asked (「下一步…提了哪些要求」), and the headings or openings of a part that says it (对策建议, 下一步)
    next_steps: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # a change asked (「纳税期限有何变化」), and the words that say what a thing becomes (延长至, 由…统一为)
    change: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # how a thing is taxed asked (「…如何征税」), and the words that say it (免征, 减半征收, 不计入)
    taxed: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # a day asked (「…几号印发的」, 哪一天) and a text that gives one (24日, 之日起)
    day: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    counted: re.Pattern[str] | None = None  # 多少家, 几方面: what is counted (group ``unit``), said as a number with it
    asker_trade: re.Pattern[str] | None = None  # 「俺是开饭店的」: the trade the asker is in (group ``trade``)
    # a short form and the words of its full form (规上: 规模以上): one word to a sentence that says either
    abbreviations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # words for the same kind of list a question may ask for by any of them (「哪几个方向」, 「…等领域」)
    list_kinds: frozenset[str] = frozenset()

    def written(self, text: str) -> str:
        """``text`` with spoken question words in their written form, for
        matching what a question asks (「啥时候发的」 asks a date like 「什么时候」)."""
        for spoken, written in self.spoken:
            text = text.replace(spoken, written)
        return text

    def slot(self, name: str) -> Slot:
        for s in self.slots:
            if s.name == name:
                return s
        raise KeyError(name)

    def all_kind_words(self) -> tuple[str, ...]:
        """Every word that names a document kind (意见, 方案, 评估报告…)."""
        return tuple(w for _, words in self.document_kinds for w in words)

    def kinds_alternation(self) -> str:
        """The kind words as one regex alternation, longest first (评估报告 before 报告)."""
        return _alternation(self.all_kind_words())

    def kind_words(self, kind: str) -> tuple[str, ...]:
        for k, words in self.document_kinds:
            if k == kind:
                return words
        return (kind,) if kind else ()


@lru_cache(maxsize=8)
def _alternation(words: tuple[str, ...]) -> str:
    """Words as one regex alternation, longest first; built once per set of words (a question asks for it often)."""
    return "|".join(sorted({re.escape(w) for w in words if w}, key=len, reverse=True))


_FRAGMENT = re.compile(r"\{=(\w+)\}")


def _expand(pattern: str, fragments: dict[str, str], where: str, source: str, depth: int = 0) -> str:
    """``{=name}`` replaced by the lexicon's fragment of that name (a phrase
    several patterns share, written once), as one group: what follows it
    (「{=goal_horizon}(?!…投产)」) holds for each of its alternatives; a
    fragment may use another."""
    if depth > len(fragments):
        raise ConfigError(f"lexicon {source}: the fragments {where} uses name each other in a circle; fix `fragments`.")

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in fragments:
            raise ConfigError(f"lexicon {source}: {where} uses the fragment {m.group(0)}, which `fragments` does not define.")
        return f"(?:{_expand(fragments[m.group(1)], fragments, where, source, depth + 1)})"

    return _FRAGMENT.sub(sub, pattern)


def _compile(pattern: str, where: str, source: str, fragments: dict[str, str] | None = None) -> re.Pattern[str]:
    pattern = _expand(pattern, fragments or {}, where, source)
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ConfigError(f"lexicon {source}: bad pattern in {where} ({e}): {pattern[:60]!r}; fix the file or unset {ENV}.") from None


def _english(pattern: str, where: str, source: str) -> re.Pattern[str]:
    """An English glossary word, matched as a whole word, any case."""
    return _compile(rf"(?i)(?<![A-Za-z]){pattern}(?![A-Za-z])", where, source)


def parse(raw: bytes, source: str) -> Lexicon:
    try:
        d = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"lexicon {source} is not UTF-8 JSON ({e}); fix the file or unset {ENV}.") from None
    frags = d.get("fragments", {})
    if not isinstance(frags, dict) or not all(isinstance(v, str) for v in frags.values()):
        raise ConfigError(f"lexicon {source}: `fragments` must map names to pattern strings.")

    def _rx(pattern: str, where: str, source: str) -> re.Pattern[str]:  # every pattern may use the fragments
        return _compile(pattern, where, source, frags)

    def _asked_said(key: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        # what a question asks and how a sentence says it (conclusion, change, taxed)
        return (_rx(d[key]["asked"], f"{key}.asked", source), _rx(d[key]["said"], f"{key}.said", source)) if key in d else None

    try:
        return Lexicon(
            fingerprint=hashlib.sha256(raw).hexdigest()[:16],
            source=source,
            injection=tuple(_rx(p, "injection", source) for p in d["injection"]),
            fake_source=_rx(d["fake_source"], "fake_source", source),
            orders=_rx(d["orders"], "orders", source),
            glossary=tuple((_english(k, "glossary", source), v) for k, v in d["glossary"].items()),
            dialect=tuple((_rx(k, "dialect", source), v) for k, v in d.get("dialect", {}).items()),
            question_words=_rx(d["question_words"], "question_words", source),
            intents=tuple((k, _rx(v, f"intents.{k}", source)) for k, v in d["intents"].items()),
            support_words=_rx(d["support_words"], "support_words", source),
            subsidy_ask=_rx(d["subsidy_ask"], "subsidy_ask", source),
            money=_rx(d["money"], "money", source),
            number=_rx(d["number"], "number", source),
            slots=tuple(
                Slot(k, _rx(v["asked"], f"slots.{k}.asked", source), _rx(v["carried"], f"slots.{k}.carried", source), v["what"],
                     tuple((_rx(a, f"slots.{k}.kinds", source), _rx(c, f"slots.{k}.kinds", source)) for a, c in v.get("kinds", ())))
                for k, v in d["slots"].items()
            ),
            units=_rx(d["units"], "units", source),
            money_kinds=_rx(d["money_kinds"], "money_kinds", source),
            expansions=tuple((_rx(p, "expansions", source), words) for p, words in d["expansions"]),
            generic_words=frozenset(d["generic_words"].split()),
            policy_terms=tuple((t, int(f)) for t, f in d["policy_terms"].items()),
            document_kinds=tuple((k, tuple(v)) for k, v in d["document_kinds"].items()),
            document_question=_rx(d["document_question"], "document_question", source),
            document_facets=tuple((k, _rx(v, f"document_facets.{k}", source)) for k, v in d["document_facets"].items()),
            spoken=tuple((str(k), str(v)) for k, v in d.get("spoken", {}).items()),
            likeness=(_rx(d["likeness"]["before"], "likeness.before", source), _rx(d["likeness"]["after"], "likeness.after", source))
            if "likeness" in d else None,
            known=_rx(d["known"], "known", source) if "known" in d else None,
            asker_self=tuple(_rx(d["asker_self"][k], f"asker_self.{k}", source) for k in ("said", "wants", "burden"))
            if "asker_self" in d else None,
            asks_quantity=_rx(d["asks_quantity"], "asks_quantity", source) if "asks_quantity" in d else None,
            exact_asked=_rx(d["exact_asked"], "exact_asked", source) if "exact_asked" in d else None,
            procedure=(_rx(d["procedure"]["asked"], "procedure.asked", source), _rx(d["procedure"]["said"], "procedure.said", source))
            if "procedure" in d else None,
            support_whether=_rx(d["support_whether"], "support_whether", source) if "support_whether" in d else None,
            conclusion=_asked_said("conclusion"),
            next_steps=_asked_said("next_steps"),
            change=_asked_said("change"),
            taxed=_asked_said("taxed"),
            day=_asked_said("day"),
            counted=_counted(_rx(d["counted"], "counted", source), source) if "counted" in d else None,
            asker_trade=_named(_rx(d["asker_trade"], "asker_trade", source), "asker_trade", "trade", source)
            if "asker_trade" in d else None,
            fund=(_rx(d["fund"]["said"], "fund.said", source), _rx(d["fund"]["asked"], "fund.asked", source)) if "fund" in d else None,
            eligibility=(_rx(d["eligibility"]["said"], "eligibility.said", source),
                         _rx(d["eligibility"]["asked"], "eligibility.asked", source)) if "eligibility" in d else None,
            threshold=(_rx(d["threshold"]["asked"], "threshold.asked", source),
                       _rx(d["threshold"]["supposed"], "threshold.supposed", source)) if "threshold" in d else None,
            own_measure=_rx(d["own_measure"], "own_measure", source) if "own_measure" in d else None,
            indicators=tuple((name, _rx(asked, f"indicators.{name}", source), _rx(said, f"indicators.{name}", source))
                             for name, asked, said in d.get("indicators", ())),
            clause_asked=_rx(d["clause_asked"], "clause_asked", source) if "clause_asked" in d else None,
            placed_at=_rx("{=placed_at}", "fragments.placed_at", source) if "placed_at" in frags else None,
            goal_horizon=_rx("{=goal_horizon}", "fragments.goal_horizon", source) if "goal_horizon" in frags else None,
            parts_counted=_rx(d["parts_counted"], "parts_counted", source) if "parts_counted" in d else None,
            joint_fund=(_rx(d["joint_fund"]["asked"], "joint_fund.asked", source), _rx(d["joint_fund"]["said"], "joint_fund.said", source),
                        _rx(d["joint_fund"]["split"], "joint_fund.split", source)) if "joint_fund" in d else None,
            institutions=_rx(d["institutions"], "institutions", source) if "institutions" in d else None,
            abbreviations=tuple((str(k), tuple(str(v).split())) for k, v in d.get("abbreviations", {}).items()),
            list_kinds=frozenset(d.get("list_kinds", "").split()),
        )
    except KeyError as e:
        raise ConfigError(f"lexicon {source} has no {e.args[0]!r} section; start from the bundled data/lexicon.json.") from None


def _counted(pattern: re.Pattern[str], source: str) -> re.Pattern[str]:
    return _named(pattern, "counted", "unit", source)


def _named(pattern: re.Pattern[str], key: str, group: str, source: str) -> re.Pattern[str]:
    if group not in pattern.groupindex:
        raise ConfigError(f"lexicon {source}: `{key}` must capture what it finds as a group (?P<{group}>…); see the bundled data/lexicon.json.")
    return pattern


@lru_cache(maxsize=8)
def load(path: str | None = None) -> Lexicon:
    """The lexicon at ``path`` (the bundled one when None), parsed once."""
    if path is None:
        raw = resources.files("policybot").joinpath("data/lexicon.json").read_bytes()
        return parse(raw, "data/lexicon.json")
    p = Path(path).expanduser()
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"{ENV}={path!r}: cannot read it ({e.strerror}); point it at a lexicon JSON file or unset it.") from None
    return parse(raw, str(p))


def get() -> Lexicon:
    """The active lexicon: ``POLICYBOT_LEXICON`` when set, else the bundled one
    (``Settings.lexicon`` reads the same variable)."""
    return load(os.environ.get(ENV) or None)


def fingerprint() -> str:
    return get().fingerprint


def alternatives(word: str) -> tuple[str, ...]:
    """A word and the document words the active lexicon's expansions give
    for it (换设备 -> 技术改造 设备投资 技改)."""
    extra = [x for pat, words in get().expansions if pat.search(word) for x in words.split()]
    return tuple(dict.fromkeys([word, *extra]))
