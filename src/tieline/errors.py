"""One hierarchy of errors people can act on: each names its input and, for files, the line."""

from __future__ import annotations


class TielineError(Exception):
    """Base class of every error tieline raises on purpose."""


class InputError(TielineError):
    """An input (file, record, option) that tieline cannot use."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class DictionaryError(TielineError):
    """A malformed line in a dictionary file."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class StoreError(TielineError):
    """A database that cannot be opened, written or trusted."""
