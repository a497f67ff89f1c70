"""Reading as much of a flow file as can be read, for `advisor flows check`: the parts the
file format refuses are reported (once, as written) and left out, so that the rest can
still be judged."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from advisor.derived import VOCABULARY
from advisor.flow import checks
from advisor.flow.model import Flow
from advisor.flowcheck.findings import FORMAT_HINT, Finding

SECTIONS = ("questions", "decisions", "outcomes", "pitfalls")
_TEXT_KEYS = {"prompt", "help", "title", "summary", "advice", "label", "version", "say"}
_PLACEHOLDER = "(missing)"


@dataclass
class Loaded:
    flow: Flow | None
    findings: list[Finding]
    dropped: set[str]  # ids of nodes left out because the file format refuses them
    repaired: bool  # anything was changed to make the rest readable
    routes_changed: bool  # a route was left out or lost its condition
    duplicates: bool
    deleted: list[list[Any]] = field(default_factory=list)  # this round's deletions


def load_partly(raw: dict[str, Any], text: str, source: str) -> Loaded:
    from pydantic import ValidationError

    from advisor.flow import schema
    from advisor.flow.loader import (
        content_hash,
        describe_error_item,
        error_location,
        with_sources,
    )

    data = copy.deepcopy(raw)
    loaded = Loaded(None, [], set(), False, False, False)
    reported: set[tuple[str, tuple[Any, ...]]] = set()
    parsed = None
    for _ in range(25):
        try:
            parsed = schema.FlowIn.model_validate(data)
            break
        except ValidationError as error:
            errors = error.errors()
            repairs = []
            for item in errors:
                location = error_location(item)
                if not loaded.repaired:  # the first pass shows the file as written
                    where, message = describe_error_item(item, raw)
                    key = (where, tuple(location))
                    if key not in reported:
                        reported.add(key)
                        loaded.findings.append(
                            Finding(source, where, "schema", message, _schema_hint(item))
                        )
                repairs.append((location, item["type"]))
            if not _repair(data, repairs, loaded):
                return loaded
    if parsed is None:
        return loaded
    for problem in checks.duplicate_ids(parsed.ids_by_section()):
        loaded.duplicates = True
        loaded.findings.append(
            Finding(source, problem.where, problem.kind, problem.message, problem.hint)
        )
    loaded.flow = with_sources(parsed.to_domain(source, content_hash(text)), VOCABULARY)
    return loaded


def _schema_hint(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"remove the key or correct its spelling; {FORMAT_HINT}"
    if kind == "missing":
        return f"add the key; {FORMAT_HINT}"
    return FORMAT_HINT


_REQUIRED_TOP = {"id": "flow", "title": _PLACEHOLDER, "version": _PLACEHOLDER}


def _repair(data: dict[str, Any], repairs: list[tuple[list[Any], str]], loaded: Loaded) -> bool:
    """Change `data` so that the parts the file format refuses are left out; deepest and
    last first, so that list positions stay valid. False when nothing could be done."""
    changed = False
    loaded.deleted = []
    for location, kind in sorted(repairs, key=lambda r: _sortable(r[0]), reverse=True):
        if any(location[: len(gone)] == gone for gone in loaded.deleted):
            continue  # inside something already left out (its place may hold another node)
        changed |= _repair_one(data, location, kind, loaded)
    loaded.repaired = loaded.repaired or changed
    return changed


def _sortable(location: list[Any]) -> tuple[tuple[int, Any], ...]:
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in location)


def _get(data: Any, location: list[Any]) -> Any:
    for part in location:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _delete(data: Any, location: list[Any], loaded: Loaded) -> bool:
    parent = _get(data, location[:-1])
    key = location[-1]
    in_table = isinstance(parent, dict) and key in parent
    in_list = isinstance(parent, list) and isinstance(key, int) and key < len(parent)
    if not (in_table or in_list):
        return False
    del parent[key]
    loaded.deleted.append(list(location))
    return True


def _drop_node(data: dict[str, Any], location: list[Any], loaded: Loaded) -> bool:
    node = _get(data, location[:2])
    if isinstance(node, dict) and isinstance(node.get("id"), str) and location[0] != "pitfalls":
        loaded.dropped.add(node["id"])
    return _delete(data, location[:2], loaded)


def _repair_one(data: dict[str, Any], location: list[Any], kind: str, loaded: Loaded) -> bool:
    if not location:
        return False
    top = location[0]
    if len(location) == 1:  # a top-level key
        if kind == "extra_forbidden" or top in ("description", "start"):
            return _delete(data, location, loaded)
        if top in _REQUIRED_TOP:
            data[top] = _REQUIRED_TOP[top]
            return True
        if top in SECTIONS and not isinstance(data.get(top), list):
            data[top] = []
            return True
        return False
    if top not in SECTIONS or not isinstance(location[1], int):
        return _delete(data, location, loaded)
    if len(location) == 2:  # a node that is not a table, or of an unknown kind
        return _drop_node(data, location, loaded)
    key = location[2]
    if kind == "extra_forbidden":
        return _delete(data, location, loaded)
    if kind == "missing" and location[-1] in _TEXT_KEYS:
        parent = _get(data, location[:-1])
        if isinstance(parent, dict):
            parent[location[-1]] = _PLACEHOLDER
            return True
    if "when" in location[2:]:
        cut = location.index("when", 2) + 1
        if cut == 3:  # a pitfall's condition: the pitfall cannot be judged
            return _delete(data, location[:2], loaded)
        loaded.routes_changed = True
        return _delete(data, location[:cut], loaded)
    inner = next((i for i in range(3, len(location)) if isinstance(location[i], int)), None)
    if inner is not None:  # an item of a list inside the node: a route, choice, reaction
        if key == "routes":
            loaded.routes_changed = True
        return _delete(data, location[: inner + 1], loaded)
    if key in ("id", "kind", "routes", "choices", "approach", "components", "when", "to"):
        if key == "routes":
            loaded.routes_changed = True
        return _drop_node(data, location, loaded)
    node = _get(data, location[:2])
    if key in _TEXT_KEYS and len(location) == 3 and isinstance(node, dict):
        node[key] = _PLACEHOLDER
        return True
    return _delete(data, location[:3], loaded)
