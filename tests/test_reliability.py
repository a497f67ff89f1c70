"""Reliability: random valid conversations always end in an outcome, and random malformed
answers files and flow files never crash — always the documented exit code and one message.

Every shipped flow is covered without naming it. By default each property runs a few
dozen examples, to keep the test run fast; ADVISOR_RELIABILITY_EXAMPLES=10000 runs more
(benchmarks/bench_reliability.py times 10,000 sequences per flow).

Transcripts: saved transcripts of the regression corpus (tests/transcripts), changed in
one place or cut short, and garbage, go through `advisor replay` (the property is skipped,
and says so, where advisor/transcript does not exist).
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.engine.drive import run_answers
from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.library import shipped
from advisor.flow.lint import KINDS, lint_text
from advisor.flow.loader import load_flow
from advisor.flow.model import APPROACHES, Flow, Question
from advisor.flow.values import choice_ids
from advisor.report import build_report, render
from advisor.report.build import FORMATS

from .tomlwrite import dumps

EXAMPLES = int(os.environ.get("ADVISOR_RELIABILITY_EXAMPLES", "40"))
FLOW_EXAMPLES = max(EXAMPLES // 4, 8)  # each malformed flow is linted: slower per example
TODAY = date(2026, 11, 28)
CLOCK = datetime(2026, 11, 28, 12, tzinfo=UTC)
FLOW_IDS = sorted(shipped())
FLOWS: dict[str, Flow] = {flow_id: load_flow(path) for flow_id, path in shipped().items()}
COVER = Path(__file__).parent / "cover"
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- valid answers ---------------------------------------------------------------------------

_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_TEXT = st.characters(blacklist_categories=("Cc", "Cs")).filter(lambda c: c not in _BIDI)


def _numbers(question: Question, bound: Any = None) -> st.SearchStrategy[Any]:
    low = question.min if question.min is not None else -(10**12)
    high = question.max if question.max is not None else 10**12
    if isinstance(bound, int | float) and not isinstance(bound, bool):
        high = min(high, bound)  # max_from: at most an earlier answer
    if question.integer:
        whole = st.integers(math.ceil(low), math.floor(high))
        return st.one_of(whole, whole.map(lambda n: f"{n:,}"), whole.map(str))
    real = st.floats(low, high, allow_nan=False, allow_infinity=False)
    whole = st.integers(math.ceil(low), math.floor(high))
    thousands = st.integers(math.ceil(low / 1000), math.floor(high / 1000)).map(
        lambda n: f"{n}k"
    )
    return st.one_of(real, whole, whole.map(lambda n: f"{n:,}"), thousands)


def valid_answer(question: Question, session: Session | None = None) -> st.SearchStrategy[Any]:
    """Any raw value a user may give that the question accepts, in the forms people type
    (within bounds that depend on earlier answers, given the session)."""
    ids = choice_ids(question) if question.kind == "choice" else [c.id for c in question.choices]
    if question.kind == "choice":
        return st.sampled_from(ids).flatmap(lambda i: st.sampled_from([i, i.upper(), f" {i} "]))
    if question.kind == "multi_choice":
        return st.one_of(st.lists(st.sampled_from(ids), min_size=1, unique=True),
                         st.sampled_from(ids))
    if question.kind == "yes_no":
        return st.one_of(st.booleans(), st.sampled_from(["yes", "no", "Y", "n", "true", "false"]))
    if question.kind == "number":
        bound = session.facts.get(question.max_from) if session and question.max_from else None
        return _numbers(question, bound)
    return st.text(_TEXT, max_size=min(question.max_length, 60)).map(str.strip)


def _walk_numbers(value: Any, path: str = "costs") -> Iterator[tuple[str, float]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_numbers(item, f"{path}[{index}]")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, value


def check_report(flow: Flow, session: Session, report: dict[str, Any]) -> None:
    json.dumps(report, allow_nan=False)  # no NaN or infinity anywhere
    recommendation = report["recommendation"]
    assert recommendation["approach"] in APPROACHES
    assert set(recommendation["components"]) <= set(APPROACHES)
    assert recommendation["reasons"], "a recommendation without a reason"
    assert {p["id"] for p in report["pitfalls"]} <= {p.id for p in flow.pitfalls}
    assert report["path"] == session.path
    for fmt in FORMATS:
        assert render(report, fmt, flow).strip()
    costs = report.get("costs")  # the cost model's section, once it exists
    if costs is not None:
        for where, number in _walk_numbers(costs):
            assert math.isfinite(number), where
        for where, number in _walk_numbers(costs.get("approaches", {}), "costs.approaches"):
            assert number >= 0, f"{where} = {number}"
        for key in ("break_even_months", "break_even_requests_per_day"):
            if isinstance(costs.get(key), int | float):
                assert costs[key] >= 0, f"costs.{key} = {costs[key]}"


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@SETTINGS
@given(data=st.data())
def test_random_valid_conversations_end_in_an_outcome(flow_id: str, data: st.DataObject) -> None:
    flow = FLOWS[flow_id]
    session = Session(flow, Context(today=TODAY), clock=lambda: CLOCK)
    backs = 0
    for _ in range(4 * len(flow.questions) + 4):
        question = session.current
        if question is None:
            break
        move = data.draw(st.integers(0, 9), label="move")
        if move == 0 and backs < 3 and session.steps:
            backs += 1
            session.back()
            continue
        default = session.default_for(question)
        if move == 1 and default is not None:
            session.answer(default, defaulted=True)
            continue
        session.answer(data.draw(valid_answer(question, session), label=question.id))
    assert session.finished, f"stopped at {session.current and session.current.id}"
    report = build_report(session, dict(session.answers))
    check_report(flow, session, report)
    # The same answers, headless, give the same path and the same advice.
    headless = run_answers(flow, dict(session.answers), context=Context(today=TODAY))
    assert headless.path == session.path
    again = build_report(headless, dict(session.answers))
    again["defaults_used"] = report["defaults_used"]  # headless gave every value explicitly
    assert again == report


# --- malformed input, through the command line -----------------------------------------------


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="advisor-fuzz-") as name:
        yield Path(name)


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))  # an exception here is a crash: the test fails
    return code, out.getvalue(), err.getvalue()


def assert_one_message(code: int, out: str, err: str, allowed: set[int], *names: str) -> None:
    assert code in allowed, (code, err)
    if code in (0, 1) and not err:
        return
    lines = err.splitlines()
    if code in (0, 1):  # notes only
        assert all(line.startswith("advisor: note: ") for line in lines), err
        return
    assert len(lines) == 1, err
    assert lines[0].startswith("advisor: "), err
    assert "Traceback" not in err
    assert any(name in lines[0] for name in names), (names, err)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def _cover_answers(flow_id: str) -> list[dict[str, Any]]:
    files = sorted((COVER / flow_id).glob("[0-9][0-9]-*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files
            if not f.name.endswith(".report.json")]


@st.composite
def answers_file(draw: st.DrawFn, flow_id: str) -> bytes:
    """Broken answers files: garbage, or valid answers with something wrong in them."""
    flow = FLOWS[flow_id]
    kind = draw(st.sampled_from(["bytes", "text", "json", "mutated", "mutated", "mutated",
                                 "deep"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "text":
        return draw(st.text(max_size=300)).encode("utf-8", "surrogatepass")
    if kind == "json":
        return json.dumps(draw(_JSON)).encode()
    if kind == "deep":
        depth = draw(st.integers(100, 50_000))
        return (draw(st.sampled_from(["[", "{\"a\":"])) * depth).encode()
    answers = copy.deepcopy(draw(st.sampled_from(_cover_answers(flow_id))))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace", "add", "delete", "typo"]))
        keys = sorted(answers)
        if action == "replace" and keys:
            answers[draw(st.sampled_from(keys))] = draw(_JSON)
        elif action == "add":
            answers[draw(st.text(max_size=15))] = draw(_JSON)
        elif action == "delete" and keys:
            del answers[draw(st.sampled_from(keys))]
        elif action == "typo":
            answers[draw(st.sampled_from(sorted(flow.questions))) + "s"] = draw(_JSON)
    if draw(st.booleans()):
        return json.dumps(answers, allow_nan=True).encode()
    return dumps({k: v for k, v in answers.items() if isinstance(k, str)}).encode()


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@SETTINGS
@given(data=st.data())
def test_malformed_answers_files_never_crash(flow_id: str, data: st.DataObject) -> None:
    content = data.draw(answers_file(flow_id), label="file")
    suffix = data.draw(st.sampled_from([".json", ".toml", ""]), label="suffix")
    with _folder() as folder:
        path = folder / f"answers{suffix}"
        path.write_bytes(content)
        code, out, err = _cli("run", "--flow", flow_id, "--answers", str(path))
    assert_one_message(code, out, err, {0, 2, 3}, str(path))
    if code == 0:
        assert json.loads(out)["recommendation"]["approach"] in APPROACHES
    else:
        assert out == ""


# --- malformed flows ------------------------------------------------------------------------


def _flow_raw(flow_id: str) -> dict[str, Any]:
    with open(shipped()[flow_id], "rb") as handle:
        return tomllib.load(handle)


@st.composite
def flow_file(draw: st.DrawFn, flow_id: str) -> str:
    """A shipped flow with a few things broken: keys deleted or replaced, routes rewired,
    nodes duplicated or dropped; or its text cut, or lines lost or doubled."""
    raw = copy.deepcopy(_flow_raw(flow_id))
    if draw(st.integers(0, 4)) == 0:
        lines = dumps(raw).splitlines(keepends=True)
        action = draw(st.sampled_from(["cut", "drop", "double"]))
        at = draw(st.integers(0, len(lines) - 1))
        if action == "cut":
            text = "".join(lines)
            return text[: draw(st.integers(0, len(text)))]
        if action == "drop":
            del lines[at]
        else:
            lines.insert(at, lines[at])
        return "".join(lines)
    node_ids = [n["id"] for s in ("questions", "decisions", "outcomes") for n in raw.get(s, [])]
    for _ in range(draw(st.integers(1, 3))):
        # Walk down to a random place in the document.
        parent: Any = raw
        key: Any = draw(st.sampled_from(sorted(raw)))
        while isinstance(parent[key], dict | list) and parent[key] and draw(st.booleans()):
            parent = parent[key]
            key = draw(st.sampled_from(sorted(parent) if isinstance(parent, dict)
                                       else range(len(parent))))
        action = draw(st.sampled_from(["delete", "replace", "rewire", "duplicate"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(_JSON.filter(lambda v: v is not None))
        elif action == "rewire":
            parent[key] = {"to": draw(st.sampled_from([*node_ids, "nowhere"]))} \
                if isinstance(parent, list) else draw(st.sampled_from(node_ids))
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        if not raw:
            break
    return dumps(raw)


ENGINE_FAILURES = ("no route applies", "route in a circle", "is asked a second time")


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@settings(SETTINGS, max_examples=FLOW_EXAMPLES)
@given(data=st.data())
def test_malformed_flow_files_never_crash(flow_id: str, data: st.DataObject) -> None:
    text = data.draw(flow_file(flow_id), label="flow")
    answers = data.draw(st.sampled_from(_cover_answers(flow_id)), label="answers")
    result = lint_text(text, "fuzzed.toml", limit=1_000)  # never raises
    assert {f.kind for f in result.findings} <= set(KINDS)
    with _folder() as folder:
        flow_path = folder / "fuzzed.toml"
        flow_path.write_text(text, encoding="utf-8")
        answers_path = folder / "answers.json"
        answers_path.write_text(json.dumps(answers), encoding="utf-8")
        code, out, err = _cli("run", "--flow", str(flow_path), "--answers", str(answers_path))
        assert_one_message(code, out, err, {0, 2, 3}, str(flow_path), str(answers_path))
        if result.exploration is None or not result.exploration.truncated:
            # The command checks every path; compare where that stays quick.
            check = _cli("flows", "check", str(flow_path))
            assert_one_message(*check, {0, 1}, str(flow_path))
            assert check[0] == (0 if result.clean else 1)
            assert check[1].splitlines()[-1] == result.summary().replace("fuzzed.toml", str(
                flow_path))
    if result.clean:  # what the check proves, a run must not contradict
        assert not any(words in err for words in ENGINE_FAILURES), err


def test_every_malformed_flow_strategy_output_is_text() -> None:
    """The flow fuzzer starts from the real files: they must survive the round trip."""
    for flow_id in FLOW_IDS:
        assert tomllib.loads(dumps(_flow_raw(flow_id))) == _flow_raw(flow_id)


# --- transcripts ----------------------------------------------------------------------------

TRANSCRIPTS = Path(__file__).parent / "transcripts"


def _replay_exists() -> bool:
    try:
        import advisor.transcript  # noqa: F401
    except ImportError:
        return False
    return True


def _mutate(document: Any, draw: st.DrawFn) -> Any:
    """A copy of a JSON document with one place changed: a value replaced or removed."""
    document = copy.deepcopy(document)
    parent: Any = document
    key: Any = draw(st.sampled_from(sorted(document)))
    while isinstance(parent[key], dict | list) and parent[key] and draw(st.booleans()):
        parent = parent[key]
        key = draw(st.sampled_from(sorted(parent) if isinstance(parent, dict)
                                   else range(len(parent))))
    if draw(st.booleans()):
        del parent[key]
    else:
        parent[key] = draw(_JSON)
    return document


@st.composite
def transcript_file(draw: st.DrawFn) -> bytes:
    """Garbage, or one of the saved transcripts of the regression corpus with a change."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.one_of(st.binary(max_size=300), _JSON.map(lambda v: json.dumps(v).encode())))
    files = sorted(TRANSCRIPTS.glob("*.json"))
    original = json.loads(draw(st.sampled_from(files)).read_text(encoding="utf-8"))
    changed = original
    for _ in range(draw(st.integers(1, 3))):
        changed = _mutate(changed, draw) if isinstance(changed, dict) and changed else changed
    text = json.dumps(changed, allow_nan=True)
    if draw(st.integers(0, 4)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # cut short, as by a crash
    return text.encode()


@pytest.mark.skipif(not _replay_exists(), reason="advisor/transcript is not on this branch yet")
@SETTINGS
@given(content=transcript_file())
def test_malformed_transcripts_never_crash(content: bytes) -> None:
    with _folder() as folder:
        path = folder / "transcript.json"
        path.write_bytes(content)
        code, out, err = _cli("replay", str(path), "--today", TODAY.isoformat())
    assert_one_message(code, out, err, {0, 1, 2}, str(path))
