"""Checks on a document an official uploads, before the service sees it.

Who may upload (a signed-in official; credentials from the environment,
compared in constant time), how large a file may be, what its name may
contain, and what it really is (decided by the content, not the extension).
A file that passes is stored under a generated folder in the upload
directory; nothing in its name can reach outside that directory.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import PolicybotError
from ..readers import sniff_format
from ..settings import Settings

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff\uf900-\ufaff（）()]+")
MAX_NAME_CHARS = 120


class UploadError(PolicybotError):
    """An upload refused before it reached the index."""


@dataclass(frozen=True)
class StoredUpload:
    path: Path  # where the file now is, inside the upload directory
    original_name: str  # the name it was uploaded under (for messages)
    format: str  # "pdf" | "html" | "txt" | "md", from the content
    size: int


def check_credentials(settings: Settings, user: str, password: str) -> bool:
    """True only when uploads are enabled and both values match."""
    if not settings.uploads_enabled:
        return False
    ok_user = hmac.compare_digest((user or "").encode("utf-8"), settings.admin_user.encode("utf-8"))
    ok_pass = hmac.compare_digest((password or "").encode("utf-8"), settings.admin_password.encode("utf-8"))
    return ok_user and ok_pass


def uploads_off_message() -> str:
    return (
        "上传已关闭：没有设置管理员账号。要开启，请在启动前设置环境变量 "
        "POLICYBOT_ADMIN_USER 和 POLICYBOT_ADMIN_PASSWORD，然后重启应用。"
    )


def safe_name(name: str) -> str:
    """The base name of an uploaded file, made safe to store.

    Folders are dropped (both / and \\), ``..`` and control characters are
    refused, and what is left keeps only letters, digits, CJK, ``._-()``.
    """
    raw = unicodedata.normalize("NFKC", name or "")
    if _CONTROL.search(raw):
        raise UploadError(f"文件名 {raw!r} 含有控制字符：请重命名文件后再上传。")
    parts = [p for p in re.split(r"[\\/]+", raw) if p]
    if any(p.strip() == ".." for p in parts):
        raise UploadError(f"文件名 {raw!r} 含有“..”路径：请只上传文件本身，不要带文件夹路径。")
    base = PureWindowsPath(PurePosixPath(parts[-1] if parts else "").name).name.strip().strip(".")
    base = _UNSAFE.sub("_", base).strip("_")
    if not base or base in (".", ".."):
        raise UploadError("文件名是空的：请给文件起一个名字（例如 淄博实施方案.pdf）再上传。")
    stem, dot, ext = base.rpartition(".")
    if dot and len(base) > MAX_NAME_CHARS:
        base = stem[: MAX_NAME_CHARS - len(ext) - 1] + "." + ext
    return base[:MAX_NAME_CHARS]


def check_meta(meta: dict[str, str]) -> dict[str, str]:
    """The optional metadata typed into the upload form, trimmed; empty
    fields dropped, a date must be ISO (YYYY-MM-DD)."""
    out = {k: v.strip() for k, v in meta.items() if v and v.strip()}
    for key in ("date", "valid_from", "valid_until"):
        if key in out:
            try:
                dt.date.fromisoformat(out[key])
            except ValueError:
                raise UploadError(f"日期 {out[key]!r} 的格式不对：请写成 YYYY-MM-DD，例如 2023-02-06；或留空，从文件中识别。") from None
    for key, value in out.items():
        if len(value) > 200 or _CONTROL.search(value):
            raise UploadError(f"“{key}”一栏的内容太长或含有控制字符：请只填写一行简短的文字。")
    return out


def _too_large(name: str, size: int, max_mb: int) -> UploadError:
    return UploadError(
        f"{name}: 文件太大（{size / 1024 / 1024:.1f} MB），上限是 {max_mb} MB。"
        "请压缩或拆分后再上传，或请管理员调高 POLICYBOT_UPLOAD_MAX_MB。"
    )


def read_upload(path: Path, *, max_mb: int) -> bytes:
    """The bytes of a file the browser sent, refusing an oversize one before
    reading it."""
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise _too_large(path.name, size, max_mb)
    return path.read_bytes()


def check_upload(data: bytes, name: str, *, max_mb: int) -> str:
    """The format of an upload, decided by its content; raises
    :class:`UploadError` or the reader's ``UnsupportedFormatError``."""
    if len(data) > max_mb * 1024 * 1024:
        raise _too_large(name, len(data), max_mb)
    if not data.strip():
        raise UploadError(f"{name}: 文件是空的。请确认下载或复制已经完成，再上传原文件。")
    fmt = sniff_format(data, name)
    if fmt != "pdf" and Path(name).suffix.lower() == ".pdf":
        raise UploadError(
            f"{name}: 扩展名是 .pdf，但内容不是 PDF（PDF 文件以 %PDF- 开头）。请重新导出或下载 PDF 后再上传。"
        )
    if fmt == "pdf" and Path(name).suffix.lower() in (".txt", ".md", ".html", ".htm"):
        raise UploadError(
            f"{name}: 扩展名是 {Path(name).suffix.lower()}，但内容是 PDF。请把扩展名改成 .pdf 后再上传。"
        )
    return fmt


def store_upload(
    data: bytes,
    name: str,
    settings: Settings,
    *,
    signed_in: bool,
    now: dt.datetime | None = None,
) -> StoredUpload:
    """Check an upload and write it under ``settings.upload_dir`` in a fresh
    folder, named ``<safe stem>.<format>``. Returns where it went."""
    if not settings.uploads_enabled:
        raise UploadError(uploads_off_message())
    if not signed_in:
        raise UploadError("请先登录：只有登录的工作人员可以添加文件。")
    base = safe_name(name)
    fmt = check_upload(data, base, max_mb=settings.upload_max_mb)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    root = settings.upload_dir.resolve()
    folder = root / f"{stamp}-{secrets.token_hex(4)}"
    target = (folder / f"{stem}.{fmt}").resolve()
    if root not in target.parents:  # belt and braces: safe_name already ensures it
        raise UploadError(f"文件名 {name!r} 不能使用：请重命名文件后再上传。")
    try:
        folder.mkdir(parents=True, exist_ok=False)
        target.write_bytes(data)
    except OSError as e:
        raise UploadError(
            f"无法保存上传的文件（{e.strerror}）。请检查 POLICYBOT_STATE_DIR 所指的文件夹可以写入。"
        ) from e
    return StoredUpload(path=target, original_name=base, format=fmt, size=len(data))
