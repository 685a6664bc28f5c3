"""Error messages for the web page, in Chinese.

The readers' errors (``ReadError`` and its kinds) are written in English for
the command line, with shell commands as remedies. On the page a person gets
the same diagnosis in Chinese, naming the file but not the server's folders.
"""

from __future__ import annotations

from pathlib import PurePath

from ..errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    EncryptedPdfError,
    PolicybotError,
    ReadError,
    ScannedPdfError,
    UnsupportedFormatError,
)

# most specific first: the first class the error is an instance of wins
READ_ERRORS: tuple[tuple[type[ReadError], str], ...] = (
    (EmptyFileError, "是空文件（或只有空白）：请确认下载或复制已经完成，再上传原文件。"),
    (EncodingError, "不是 UTF-8 编码的文本（可能是 GBK/GB18030 或 Big5）：请另存为 UTF-8 后再上传。"),
    (ScannedPdfError, "是扫描件，PDF 里没有文字层：请先做文字识别（OCR），或上传 TXT 文本。"),
    (EncryptedPdfError, "有密码保护：请向发布单位索取不加密的版本后再上传。"),
    (CorruptFileError, "已损坏或不完整：请重新下载或导出这个文件后再上传。"),
    (UnsupportedFormatError, "的格式不支持：请上传 PDF（带文字层）、HTML、TXT 或 MD 文件。"),
    (ReadError, "无法读取：请确认文件完整、格式正确后再上传。"),
)


def zh_message(error: PolicybotError) -> str:
    """What the page says for an error: readers' errors in Chinese, with
    the file's name only; other errors' own (already Chinese) message."""
    if isinstance(error, ReadError):
        name = PurePath(error.path).name or "文件"
        for kind, text in READ_ERRORS:
            if isinstance(error, kind):
                return f"文件「{name}」{text}"
    return str(error)
