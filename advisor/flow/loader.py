"""Load a flow file: read it, validate it, check its references, and cache the result.

A validated flow is cached (pickled, keyed by the file's bytes and by the code that
validates it), so that running a flow again needs neither TOML parsing nor pydantic.
A broken or stale cache entry is ignored and rewritten.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from advisor import cache
from advisor.error_words import key_problem, reworded
from advisor.errors import FlowError
from advisor.fileio import MB, read_text
from advisor.flow.model import Flow

if TYPE_CHECKING:
    from advisor.flow.vocabulary import Vocabulary

MAX_FLOW_BYTES = 1 * MB
_SECTIONS = {
    "questions": "question",
    "decisions": "decision",
    "outcomes": "outcome",
    "pitfalls": "pitfall",
}
_UNION_LABELS = {"bool", "int", "float", "str"}


def load_flow(path: str | os.PathLike[str], vocabulary: Vocabulary) -> Flow:
    """The flow in `path`, validated against `vocabulary`, or FlowError naming the file and
    the node. Cached without its sources of choices, which are joined to it on each load."""
    source = os.fspath(path)
    text = read_text(source, MAX_FLOW_BYTES, "flow")
    cache_file = cache.entry("flow-", text, _code_stamp())
    flow = cache.read(cache_file, text, Flow)
    if flow is None:
        flow = _parsed(text, source, vocabulary)
        cache.write(cache_file, text, flow)
    elif flow.source != source:
        flow = flow.replace(source=source)
    return with_sources(flow, vocabulary)


def with_sources(flow: Flow, vocabulary: Vocabulary) -> Flow:
    """Each question that takes choices from a source, given that source to ask (found in
    `vocabulary` when first asked: the flow's checks have found it there)."""
    from advisor.flow.vocabulary import LazySource

    named = [q for q in flow.questions.values() if q.choices_from]
    if not named:
        return flow
    questions = dict(flow.questions)
    for question in named:
        source = LazySource(question.choices_from, vocabulary)
        questions[question.id] = question._replace(choice_source=source)
    return flow.replace(questions=questions)


def content_hash(text: str) -> str:
    """The flow's identity in transcripts: the SHA-256 of its text."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_flow(text: str, source: str, vocabulary: Vocabulary) -> Flow:
    """Validate flow text against `vocabulary`. Every failure names `source` and the node
    it concerns."""
    return with_sources(_parsed(text, source, vocabulary), vocabulary)


def _parsed(text: str, source: str, vocabulary: Vocabulary) -> Flow:
    import tomllib  # only here: a cached flow needs no TOML parsing (nor its import)

    from pydantic import ValidationError

    from advisor.flow import checks, rawtext, schema

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FlowError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise FlowError(f"{source}: not valid TOML: nested too deeply") from None
    for unsafe in rawtext.unsafe_texts(raw):
        raise FlowError(f"{source}: {unsafe}; {rawtext.HINT}")
    try:
        parsed = schema.FlowIn.model_validate(raw)
    except ValidationError as error:
        raise FlowError(f"{source}: {describe_validation_error(error, raw)}") from None
    for problem in checks.duplicate_ids(parsed.ids_by_section()):
        raise FlowError(f"{source}: {problem}")
    flow = parsed.to_domain(source, content_hash(text))
    for problem in checks.problems(flow, vocabulary):
        raise FlowError(f"{source}: {problem}")
    return flow


def describe_validation_error(error: Any, raw: dict[str, Any]) -> str:
    """One line for the first error pydantic found: the node, the field, expected vs found."""
    errors = error.errors()
    where, message = describe_error_item(errors[0], raw)
    more = len(errors) - 1
    if more and errors[0]["type"] not in ("union_tag_invalid",):
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return f"{where}: {message}"


def describe_error_item(first: dict[str, Any], raw: dict[str, Any]) -> tuple[str, str]:
    """Where one pydantic error is (flow, or the node) and what it says, expected vs found."""
    from advisor.flow.values import found  # keys are the user's: shown literally, escaped

    loc = error_location(first)
    where = "flow"
    if len(loc) >= 2 and loc[0] in _SECTIONS and isinstance(loc[1], int):
        items = raw.get(loc[0])
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        node_id = item.get("id") if isinstance(item, dict) else None
        label = _SECTIONS[loc[0]]
        named = isinstance(node_id, str)
        where = f"{label} {found(node_id)}" if named else f"{label} #{loc[1] + 1}"
        loc = loc[2:]
    problem = key_problem(first, found(loc[-1])) if loc else None
    if problem is not None:
        parent = loc[:-1]
        message = problem + (f" in {_path(parent)}" if parent else "")
    else:
        message = reworded(first, "toml")
        if loc:
            message = f"{_path(loc)}: {message}"
    return where, message


def error_location(error: dict[str, Any]) -> list[Any]:
    """A pydantic error's location in the file: keys and list indexes, without union tags."""
    return [
        part
        for part in error["loc"]
        if not (isinstance(part, str) and (part.startswith("<") or part in _UNION_LABELS))
        and not (isinstance(part, str) and "[" in part)
    ]


def _path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text






# --- the cache key ---------------------------------------------------------------------


@functools.cache
def _code_stamp() -> bytes:
    """Every module and data file that shapes a validated flow (the flow model, the derived
    facts a flow may name, the catalog its choices come from): the whole package but the
    chat. Taken once per process."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d not in ("tui", "__pycache__"))
        files += [os.path.join(folder, n) for n in sorted(names) if n.endswith((".py", ".toml"))]
    return cache.stamp(files)
