"""kg's one family of errors.

    KGError                 anything kg reports to a user
    ├── InputError          a report cannot be read: names the file and the reason
    ├── LinkError           a name cannot be resolved against the gazetteer or lexicons
    ├── StoreError          the SPARQL store cannot be opened, loaded or queried
    │   └── QueryError      a SPARQL query is malformed or unknown
    ├── ConfigError         an option or a data file kg needs is missing or wrong
    └── WorkerError         a worker process of a parallel build stopped, or was misused

Every error carries the reason and, where there is one, the file; its message
says what to do next. Third-party exceptions are translated where a stage
meets them, chained with ``raise ... from exc``.
"""
from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose."""

    def __init__(self, reason: str, *, path: str | None = None, hint: str | None = None):
        self.reason = reason
        self.path = path
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}: {self.reason}" if self.path else self.reason
        return f"{text} ({self.hint})" if self.hint else text


class InputError(KGError):
    """A report cannot be read or is not a report (empty, binary, undecodable, ...)."""


class LinkError(KGError):
    """A name cannot be linked."""


class StoreError(KGError):
    """The store cannot be opened, loaded or queried."""


class QueryError(StoreError):
    """A SPARQL query is malformed or names no shipped query."""


class ConfigError(KGError):
    """A setting or a data file kg needs is missing or wrong."""


class WorkerError(KGError):
    """A worker process of a parallel build stopped before it finished, or a build was started in one."""
