"""A small exception hierarchy. Every message says what was wrong and how to
fix it; the CLI and the web app show ``str(error)`` to a person, never a
traceback."""

from __future__ import annotations


class PolicybotError(Exception):
    """Base of every error a person may see."""


class ReadError(PolicybotError):
    """A file could not be turned into text."""

    def __init__(self, path: str, problem: str, remedy: str):
        self.path = str(path)
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"{self.path}: {problem}. {remedy}")


class EmptyFileError(ReadError):
    pass


class EncodingError(ReadError):
    pass


class ScannedPdfError(ReadError):
    pass


class EncryptedPdfError(ReadError):
    pass


class CorruptFileError(ReadError):
    pass


class UnsupportedFormatError(ReadError):
    pass


class IndexStateError(PolicybotError):
    """The index folder is missing, damaged, or does not match."""


class IndexMismatchError(IndexStateError):
    pass


class IndexMissingError(IndexStateError):
    pass


class QuestionError(PolicybotError):
    """The question cannot be asked as it is (empty, too long)."""


class ConfigError(PolicybotError):
    """A setting is wrong (unknown model, bad endpoint)."""


class DuplicateDocumentError(PolicybotError):
    """A document with the same content is already in the index."""

    def __init__(self, message: str, existing: str):
        self.existing = existing  # doc_id of the indexed copy
        super().__init__(message)


class BusyError(PolicybotError):
    """Too many requests at once: nothing was done; retry shortly."""

    def __init__(self, message: str, retry_after: int = 2):
        self.retry_after = retry_after
        super().__init__(message)


class BudgetExceeded(PolicybotError):
    """A request ran past its time budget or its client left; its work was stopped."""
