"""Build the index from the corpus folder, or add files to an index.

A file that cannot be read is reported (which file, what is wrong, what to
do) and skipped; the rest of the batch still goes in. Nothing is written
unless at least one document parsed, and the switch to the new index is
atomic, so a failure leaves the previous index usable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import ParsedDocument, corpus_files, corpus_fingerprint, parse_file, slugify
from .errors import DuplicateDocumentError, IndexMissingError, PolicybotError, ReadError
from .settings import Settings


@dataclass
class IngestReport:
    index_dir: Path
    added: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    version: str = ""

    def lines(self) -> list[str]:
        out = [f"error: {msg}" for msg in self.failed]
        if self.added:
            c = self.counts
            out.append(
                f"indexed {len(self.added)} document(s) into {self.index_dir} ({self.version}): "
                f"{c.get('documents', 0)} documents, {c.get('clauses', 0)} clauses, {c.get('chunks', 0)} chunks in total"
            )
        if self.failed:
            out.append(f"{len(self.failed)} file(s) failed; fix them and run the command again. The index was "
                       + ("updated with the other files." if self.added else "left as it was."))
        return out


class _Clock:
    """The time limit of one ingest run: checked between files and between
    embedding batches; past it, the run stops and nothing is written."""

    now = staticmethod(time.monotonic)  # one place to read the time; tests replace it on the class only

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.start = self.now()

    def check(self) -> None:
        if self.now() - self.start > self.seconds:
            raise PolicybotError(
                f"ingest stopped after {self.seconds:g} s (the time limit); the index was left as it was. "
                "Ingest fewer or smaller files at a time, or raise the limit with --max-seconds "
                "(or POLICYBOT_INGEST_SECONDS)."
            )

    def wrap(self, progress):
        def hook(it, total, desc):
            for item in progress(it, total, desc):
                self.check()
                yield item

        return hook


def _too_large(path: Path, max_mb: int) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader says what is wrong
    if size > max_mb * 1024 * 1024:
        return (
            f"{path}: file too large ({size / 1024 / 1024:.1f} MB; the limit is {max_mb} MB). "
            "Split the document, or raise the limit with --max-mb (or POLICYBOT_INGEST_MAX_MB)."
        )
    return None


def _parse_all(
    items: list[tuple[Path, dict[str, Any]]], report: IngestReport, progress=None, *, max_mb: int = 0,
    clock: _Clock | None = None, log=None, **kw,
) -> list[ParsedDocument]:
    docs = []
    progress = progress or (lambda it, total, desc: it)
    for path, entry in progress(items, len(items), "parse"):
        if clock is not None:
            clock.check()
        big = _too_large(path, max_mb) if max_mb else None
        if big:
            report.failed.append(big)
            continue
        if log is not None:
            log(f"reading {path.name}")
        try:
            doc_id = entry.get("id") or slugify(path.stem)
            docs.append(parse_file(path, doc_id=doc_id, overrides=entry, file=entry.get("file", path.name), **kw))
        except ReadError as e:
            report.failed.append(str(e))
        except PolicybotError as e:
            report.failed.append(f"{path}: {e}")
    return docs


def ingest(
    settings: Settings,
    paths: list[Path],
    *,
    encoding: str | None = None,
    password: str | None = None,
    meta: dict[str, str] | None = None,
    progress=None,
    log=None,
) -> IngestReport:
    """Files over ``settings.ingest_max_mb`` are refused unread; a run past
    ``settings.ingest_seconds`` stops without writing."""
    from . import index as ix
    from .embeddings import make_embeddings

    clock = _Clock(settings.ingest_seconds)
    progress = clock.wrap(progress or (lambda it, total, desc: it))
    limits = {"max_mb": settings.ingest_max_mb, "clock": clock, "log": log}
    report = IngestReport(settings.index_dir)
    emb = make_embeddings(settings.embedding)
    cache = embedding_cache(settings, emb)
    meta = dict(meta or {})
    if meta and len(paths) != 1:
        raise PolicybotError("--id/--title/--region/--issuer describe one document: give exactly one file with them.")

    if not paths:  # rebuild from the corpus folder
        items = corpus_files(settings.corpus_dir)
        if not items:
            raise PolicybotError(f"no documents in {settings.corpus_dir}: add files (and catalog.json) or give paths.")
        docs = _parse_all(items, report, progress, encoding=encoding, password=password, **limits)
        if docs:
            data = ix.build(
                docs, emb, tokenizer=settings.tokenizer, corpus_fingerprint=corpus_fingerprint(items),
                embedding_spec=settings.embedding, progress=progress, cache=cache, scheme=settings.embed_scheme,
            )
            _save(data, settings, progress)
            report.added = [d.meta.doc_id for d in docs]
            report.counts, report.version = data.manifest["counts"], data.manifest["version"]
        return report

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        report.failed.append(f"{p}: no such file. Check the path.")
    items = [(p, dict(meta, file=p.name)) for p in paths if p.exists()]
    docs = _parse_all(items, report, progress, encoding=encoding, password=password, **limits)
    try:
        base = ix.load(settings.index_dir, emb)
    except IndexMissingError:
        base = None
    if base is not None:
        fresh = []
        for d in docs:  # the same text twice: reported, the others still go in
            try:
                ix.duplicates(base, [d])
                fresh.append(d)
            except DuplicateDocumentError as e:
                report.failed.append(str(e))
        docs = fresh
    if not docs:
        return report
    if base is not None:
        data = ix.extend(base, docs, emb, progress=progress, cache=cache)
    else:
        data = ix.build(docs, emb, tokenizer=settings.tokenizer, embedding_spec=settings.embedding,
                        progress=progress, cache=cache, scheme=settings.embed_scheme)
    _save(data, settings, progress)
    report.added = [d.meta.doc_id for d in docs]
    report.counts, report.version = data.manifest["counts"], data.manifest["version"]
    return report


def embedding_cache(settings: Settings, embeddings):
    """The vector cache of the configured model, under the state folder."""
    from .embedcache import EmbeddingCache
    from .embeddings import model_id

    return EmbeddingCache(settings.state_dir / "embed-cache", model_id(embeddings))


def _save(data, settings: Settings, progress) -> None:
    from . import index as ix

    for _ in progress([data], 1, "write"):
        ix.save(data, settings.index_dir)


def remove_documents(settings: Settings, doc_ids: list[str]) -> IngestReport:
    """Take documents out of the index; nothing is embedded again."""
    from . import index as ix

    data = ix.remove(ix.load(settings.index_dir), doc_ids)
    ix.save(data, settings.index_dir)
    report = IngestReport(settings.index_dir)
    report.counts, report.version = data.manifest["counts"], data.manifest["version"]
    return report
