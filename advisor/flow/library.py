"""The flows that ship with advisor, and turning `--flow ID|PATH` into a file."""

from __future__ import annotations

import os

from advisor.errors import BadInput
from advisor.suggest import did_you_mean

DEFAULT_FLOW = "ai_strategy"


def flows_dir() -> str:
    """Inside an installed wheel the flows live in advisor/_flows; in a checkout, in flows/."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "_flows")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(package), "flows")


def shipped() -> dict[str, str]:
    """Shipped flow ids (the file name without .toml) and their files, sorted by id."""
    folder = flows_dir()
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    except OSError:
        return {}
    return {name.removesuffix(".toml"): os.path.join(folder, name) for name in names}


def resolve(spec: str | None) -> str:
    """A shipped flow's id, or a path to a flow file, as a path."""
    if spec is None:
        spec = DEFAULT_FLOW
    looks_like_path = spec.endswith(".toml") or "/" in spec or "\\" in spec
    broken_link = os.path.islink(spec) and not os.path.exists(spec)  # the reader says why
    if looks_like_path or os.path.isfile(spec) or broken_link:
        return spec
    flows = shipped()
    if spec in flows:
        return flows[spec]
    known = ", ".join(flows) or "none"
    raise BadInput(
        f"--flow: no shipped flow is called '{spec}'{did_you_mean(spec, flows)}; "
        f"shipped flows: {known}; or give the path of a .toml flow file"
    )
