"""What :func:`dechaff.fit` learns from a corpus, saved and loaded as versioned JSON.

A :class:`Model` holds, per site (host), the line templates that recur across its pages; the
templates that recur across many sites (chrome of a platform: "Share this:", "Powered by
WordPress"); and the corpus's most frequent short words, which join the function-word table.
It is plain data: cleaning with it is :func:`dechaff.clean` with ``model=``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import InputError

FORMAT = "dechaff-model"
VERSION = 2
# Versions this dechaff reads: version 1 has no openers.
READABLE_VERSIONS = (1, 2)


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class SiteTemplates:
    """The templates of one site: for each, on how many of its ``pages`` it was found; and
    ``openers``, for those found as a page's first line, on how many pages (None in a model
    of version 1, which did not count them). A template that opens one page and is printed
    lower on others is that page's headline, printed among the teasers of the others."""

    pages: int
    templates: Mapping[str, int]
    openers: Mapping[str, int] | None = None


@dataclass(frozen=True)
class Model:
    """Boilerplate learned from a corpus (see :func:`dechaff.fit`).

    ``sites`` maps a host to its :class:`SiteTemplates`; ``cross_site`` maps a template found
    on many sites to the number of sites; ``function_words`` are the corpus's most frequent
    short words; ``documents`` is how many documents it was learned from.

    >>> model = Model(documents=2, cross_site={"share this:": 40})
    >>> Model.from_json(model.to_json()) == model
    True
    """

    documents: int = 0
    sites: Mapping[str, SiteTemplates] = field(default_factory=_empty)
    cross_site: Mapping[str, int] = field(default_factory=_empty)
    function_words: frozenset[str] = frozenset()

    def templates_for(self, host: str | None) -> Mapping[str, int]:
        """The templates learned for ``host`` (none for an unknown or missing host)."""
        site = self.sites.get(host) if host else None
        return site.templates if site is not None else MappingProxyType({})

    def to_json(self) -> dict[str, Any]:
        """The model as a JSON object (sorted, so the same model gives the same bytes)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "documents": self.documents,
            "function_words": sorted(self.function_words),
            "cross_site": dict(sorted(self.cross_site.items())),
            "sites": {
                host: {
                    "pages": site.pages,
                    "templates": dict(sorted(site.templates.items())),
                    "openers": dict(sorted((site.openers or {}).items())),
                }
                for host, site in sorted(self.sites.items())
            },
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "model") -> Model:
        """A model from :meth:`to_json`'s object; :class:`InputError` says what is wrong."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{where}: not a dechaff model (no \"format\": \"{FORMAT}\"); "
                             "make one with dechaff.fit(documents).save(path)")
        if data.get("version") not in READABLE_VERSIONS:
            raise InputError(f"{where}: model version {data.get('version')!r} is not "
                             f"supported (this dechaff reads versions 1 to {VERSION}); "
                             "fit it again")
        try:
            sites = {
                str(host): SiteTemplates(
                    int(site["pages"]),
                    MappingProxyType({str(k): int(v) for k, v in site["templates"].items()}),
                    _openers(site.get("openers")),
                )
                for host, site in data["sites"].items()
            }
            return cls(
                documents=int(data["documents"]),
                sites=MappingProxyType(sites),
                cross_site=MappingProxyType(
                    {str(k): int(v) for k, v in data["cross_site"].items()}
                ),
                function_words=frozenset(str(word) for word in data["function_words"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{where}: malformed model ({exc!r}); fit it again") from exc

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its JSON object (read-only mappings do not pickle), so that worker
        processes can receive it."""
        return (Model.from_json, (self.to_json(),))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model as JSON, atomically: a temporary file beside ``path``, flushed to
        disk, then renamed over it."""
        target = Path(path)
        handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.to_json(), out, ensure_ascii=False, separators=(",", ":"))
                out.write("\n")
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read a model that :meth:`save` wrote; :class:`InputError` names the file and the
        problem."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the model ({exc})") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}: not JSON ({exc.msg}); "
                             "a model is written by Model.save") from exc
        return cls.from_json(data, str(path))


def _openers(data: Any) -> Mapping[str, int] | None:
    """A site's openers as read from JSON: None where the model (version 1) has none."""
    if data is None:
        return None
    return MappingProxyType({str(k): int(v) for k, v in data.items()})
