"""Which genai-prices data the prices come from: the data bundled with the installed package,
or a newer file `advisor prices update` fetched — validated whole, stored atomically in the
user's data folder with its URL, fetch time and SHA-256, and merged over the bundled data
(a model the file lacks keeps its bundled price).

Only `update` touches the network; every other command reads what is stored. Reading the
stored file's description is cheap (a small JSON file): the caches of prices and of the
model index are keyed by it, so a fetched file is never mixed with tables of another.
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from advisor.errors import BadInput

if TYPE_CHECKING:
    from pathlib import Path

DATA = "data.json"
META = "meta.json"
MAX_BYTES = 64 * 1024 * 1024  # the upstream file is a few MB; a larger answer is not it
PACKAGE = "genai-prices"


def _json() -> Any:
    """json, imported when first needed: the chat's first screen reads no JSON."""
    import json

    return json


class Stored(NamedTuple):
    url: str
    fetched_at: str  # ISO time, UTC
    sha256: str
    size: int

    @property
    def fetched_on(self) -> date:
        return datetime.fromisoformat(self.fetched_at).date()


def folder() -> Path:
    """Where a fetched file is kept: $ADVISOR_DATA_DIR, else the user data folder."""
    from pathlib import Path

    return Path(_folder())


def _folder() -> str:
    """folder(), as a string: every report asks whether a fetched file is there, and a
    headless run need not import pathlib (nor platformdirs, on Linux) to answer."""
    chosen = os.environ.get("ADVISOR_DATA_DIR", "").strip()
    if chosen:
        return os.path.join(chosen, "prices")
    if sys.platform.startswith("linux"):  # platformdirs' answer, without importing it
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser(
            "~/.local/share"
        )
        return os.path.join(base, "advisor", "prices")
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("advisor", appauthor=False), "prices")


def stored() -> Stored | None:
    """The fetched file in use, if any (its description only: nothing is parsed)."""
    try:
        with open(os.path.join(_folder(), META), encoding="utf-8") as handle:
            meta = _json().loads(handle.read())
        found = Stored(str(meta["url"]), str(meta["fetched_at"]), str(meta["sha256"]),
                       int(meta["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if os.path.isfile(os.path.join(_folder(), DATA)) else None


def identity() -> str:
    """What the caches of prices and models key on besides the package: the fetched file."""
    found = stored()
    return "" if found is None else f"fetched:{found.sha256}"


@functools.cache
def package_version() -> str:
    """The installed genai-prices' version: from its wheel's record beside the package
    (every report names it; importlib.metadata, which scans every installed
    distribution, took a third of a headless run), else as importlib.metadata says."""
    from importlib.util import find_spec

    spec = find_spec("genai_prices")
    if spec is not None and spec.origin:
        site = os.path.dirname(os.path.dirname(spec.origin))
        try:
            found = [n for n in os.listdir(site)
                     if n.startswith("genai_prices-") and n.endswith(".dist-info")]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0][len("genai_prices-"):-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - a dependency of the project
        return "unknown"


_INSTALLED: list[bool] = []


def install() -> None:
    """Put the fetched file, merged over the bundled data, in genai-prices' place (once per
    process, before genai-prices prices anything). Without one, nothing changes."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    found = stored()
    if found is None:
        return
    raw = (folder() / DATA).read_bytes()
    import hashlib

    if hashlib.sha256(raw).hexdigest() != found.sha256:
        return  # damaged since it was stored: the bundled data, whole, rather than a guess
    from genai_prices import data_snapshot

    providers = _parse(raw, f"stored price data ({folder() / DATA})")
    merged = _merged(providers, data_snapshot.get_snapshot().providers)
    data_snapshot.set_custom_snapshot(data_snapshot.DataSnapshot(merged, from_auto_update=False))


def _parse(raw: bytes, where: str) -> list[Any]:
    """genai-prices' own parser of its data file; BadInput for anything it refuses."""
    from genai_prices.types import _providers_from_raw  # the package's own parser

    try:
        payload = _json().loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadInput(f"{where}: not valid JSON ({error}); the stored data is unchanged") from None
    if not isinstance(payload, list) or not payload:
        raise BadInput(
            f"{where}: expected genai-prices' data, a list of providers, found "
            f"{type(payload).__name__}{'' if payload else ' (empty)'}; the stored data is unchanged"
        )
    try:
        return list(_providers_from_raw(payload))
    except Exception as error:  # the package's validation: pydantic or its own checks
        first = str(error).splitlines()[0][:200]
        raise BadInput(
            f"{where}: genai-prices refuses it as price data ({first}); the stored data is "
            "unchanged"
        ) from None


def _merged(fetched: list[Any], bundled: list[Any]) -> list[Any]:
    """The fetched providers and models, then what only the bundled data has."""
    import dataclasses

    by_id = {p.id: p for p in fetched}
    out = []
    for provider in bundled:
        newer = by_id.pop(provider.id, None)
        if newer is None:
            out.append(provider)
            continue
        ids = {m.id for m in newer.models}
        kept = [m for m in provider.models if m.id not in ids]
        # The file's own description of the provider, where it gives one; the bundled
        # description where it leaves a field out (a file of a few models only).
        fields = {
            f.name: getattr(newer, f.name)
            for f in dataclasses.fields(newer)
            if f.name != "models" and getattr(newer, f.name) not in (None, "", [], ())
        }
        out.append(dataclasses.replace(provider, **fields, models=[*newer.models, *kept]))
    return out + list(by_id.values())


def update(url: str) -> Stored:
    """Fetch, validate whole, then store atomically: the data file, then its description.
    BadInput (and nothing stored) for an unreachable URL or a file genai-prices refuses."""
    import httpx2  # genai-prices' own HTTP client, a dependency of the package
    from genai_prices.update_prices import UpdatePrices

    from advisor.fileio import atomic_write_bytes, atomic_write_text

    timeout = UpdatePrices(url=url).request_timeout
    try:
        with httpx2.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            response.raise_for_status()
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise BadInput(
                        f"{url}: the answer passed {MAX_BYTES // (1024 * 1024)} MB, more than "
                        "any price data; the stored data is unchanged"
                    )
                chunks.append(chunk)
    except httpx2.HTTPStatusError as error:
        raise BadInput(
            f"{url}: the server answered {error.response.status_code}; the stored data is "
            "unchanged"
        ) from None
    except httpx2.HTTPError as error:
        raise BadInput(f"{url}: cannot fetch it ({error}); the stored data is unchanged") from None
    raw = b"".join(chunks)
    _parse(raw, url)
    import hashlib

    found = Stored(
        url,
        datetime.now(UTC).isoformat(timespec="seconds"),
        hashlib.sha256(raw).hexdigest(),
        len(raw),
    )
    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(str(target / DATA), raw)
        atomic_write_text(target / META, _json().dumps(found._asdict(), indent=2) + "\n")
    except OSError as error:
        raise BadInput(f"{target}: cannot store the price data ({error.strerror})") from None
    return found


def reset() -> bool:
    """Back to the bundled data: the stored file and its description removed."""
    removed = False
    for name in (META, DATA):
        try:
            (folder() / name).unlink()
            removed = True
        except FileNotFoundError:
            continue
        except OSError as error:
            raise BadInput(f"{folder() / name}: cannot remove it ({error.strerror})") from None
    return removed


def describe(released: date | None) -> dict[str, Any]:
    """Where the prices come from, for the report (`costs.prices_data`)."""
    found = stored()
    if found is None:
        return {
            "source": "bundled",
            "version": package_version(),
            "date": None if released is None else released.isoformat(),
            "url": None,
            "sha256": None,
        }
    return {
        "source": "fetched",
        "version": package_version(),
        "date": found.fetched_on.isoformat(),
        "url": found.url,
        "sha256": found.sha256,
    }


def data_date() -> date | None:
    """The day the prices' data is of: the fetch, or the installed release (None: a
    release the catalog has no date for)."""
    found = stored()
    if found is not None:
        return found.fetched_on
    from advisor.costs.prices.catalog import load_catalog

    info = load_catalog().price_data
    return None if info is None else info.releases.get(package_version())


def where() -> str:
    """The data, in words: 'genai-prices 0.2.5' or 'genai-prices data fetched from URL'."""
    found = stored()
    if found is None:
        return f"genai-prices {package_version()}"
    return f"genai-prices data fetched from {found.url} on {found.fetched_on.isoformat()}"


def staleness(today: date) -> str:
    """One sentence when the data is older than the catalog allows on the day of the
    advice, naming the command that refreshes it; "" otherwise."""
    from advisor.costs.prices.catalog import load_catalog

    info = load_catalog().price_data
    day = data_date()
    if info is None or day is None or (today - day).days <= info.max_age_days:
        return ""
    return (
        f"The price data is from {day.isoformat()} ({where()}), {(today - day).days} days "
        f"before {today.isoformat()}: prices may have changed since. `advisor prices update` "
        "fetches the newest."
    )
