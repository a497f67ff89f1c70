"""Reliability: random valid conversations always end in an outcome, and random malformed
answers files and flow files never crash — always the documented exit code and one message.

Every shipped flow is covered without naming it. By default each property runs a few
dozen examples, to keep the test run fast; ADVISOR_RELIABILITY_EXAMPLES=10000 runs more
(benchmarks/bench_reliability.py times 10,000 sequences per flow).

Transcripts: saved transcripts of the regression corpus (tests/transcripts), changed in
one place or cut short, and garbage, go through `advisor replay` (the property is skipped,
and says so, where advisor/transcript does not exist).

Hardening (issue 12), one property per class of bad input: output that cannot be written
(real processes on /dev/full, a dead terminal, a closed pipe, a standard stream closed
before the start); control characters in any
text of a flow and in any string of a report; flows past the recursion limit; special
files (named pipes, devices, links, sockets) as inputs and outputs; transcripts whose
answers or outcome break their own flow's rules; odd numbers and dates; and replaying on
several processes in the same order as on one.

Every property is derandomized (a fixed seed: the same examples on every run, in CI
too); ADVISOR_RELIABILITY_RANDOM=1 draws new ones.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
import json
import math
import os
import re
import subprocess
import sys
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

from advisor.approaches import APPROACHES
from advisor.cli import main
from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.facts import FIRST_DAY, LAST_DAY, Context
from advisor.flow.library import shipped
from advisor.flow.model import Flow, Question
from advisor.flow.values import choice_ids
from advisor.flowcheck.lint import KINDS, lint_text
from advisor.report import build_report, render
from advisor.report.build import FORMATS

from .sentences import problems as sentence_problems
from .tomlwrite import dumps

EXAMPLES = int(os.environ.get("ADVISOR_RELIABILITY_EXAMPLES", "40"))
FLOW_EXAMPLES = max(EXAMPLES // 4, 8)  # each malformed flow is linted: slower per example
PROCESS_EXAMPLES = max(EXAMPLES // 4, 10)  # each runs real processes
LONG_EXAMPLES = max(EXAMPLES // 10, 4)  # each checks a flow past the recursion limit
# Derandomized unless asked otherwise: CI runs the same examples every time (a failure
# is a failure of the code, not of the draw); ADVISOR_RELIABILITY_RANDOM=1 explores.
DERANDOMIZE = os.environ.get("ADVISOR_RELIABILITY_RANDOM", "") != "1"
TODAY = date(2026, 11, 28)
CLOCK = datetime(2026, 11, 28, 12, tzinfo=UTC)
FLOW_IDS = sorted(shipped())
FLOWS: dict[str, Flow] = {flow_id: load_flow(path) for flow_id, path in shipped().items()}
COVER = Path(__file__).parent / "cover"
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=DERANDOMIZE,
    database=None if DERANDOMIZE else settings.default.database,
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
    # What a skeptical reader checks: every amount a figure of the report, each model's
    # prompting figure its own, no "$X …, not $X", headings that agree with their items.
    assert sentence_problems(report) == []
    for fmt in FORMATS:
        text = render(report, fmt, flow)
        assert text.strip()
        # A negative amount is said in words ("costs $X more"), never written "$-X".
        assert "$-" not in text, [line for line in text.splitlines() if "$-" in line]
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


_NON_FINITE = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e400", "9" * 5000])


@settings(SETTINGS, max_examples=EXAMPLES)
@given(data=st.data())
def test_a_non_finite_answer_in_json_names_its_question(data: st.DataObject) -> None:
    """JSON's NaN and Infinity said "NaN is not a number an answer can take" without the
    question (TOML's nan named it)."""
    flow_id = data.draw(st.sampled_from(FLOW_IDS), label="flow")
    answers = data.draw(st.sampled_from(_cover_answers(flow_id)), label="answers")
    key = data.draw(st.sampled_from(sorted(answers)), label="question")
    literal = data.draw(_NON_FINITE, label="number")
    text = json.dumps({**answers, key: "__HERE__"}).replace('"__HERE__"', literal)
    with _folder() as folder:
        path = folder / "answers.json"
        path.write_text(text, encoding="utf-8")
        code, out, err = _cli("run", "--flow", flow_id, "--answers", str(path))
    assert_one_message(code, out, err, {2}, f"{path}: question '{key}': expected ")


def _transcript_numbers(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every place of a transcript that holds a number, or a step's value."""
    places = [("steps", i, "value") for i in range(len(document["steps"]))]
    places += [("earlier_answers", k) for k in document.get("earlier_answers", {})]
    monthly = (document.get("outcome") or {}).get("monthly_usd") or {}
    places += [("outcome", "monthly_usd", k) for k in monthly]
    return places


@pytest.mark.skipif(not _replay_exists(), reason="advisor/transcript is not on this branch yet")
@SETTINGS
@given(data=st.data())
def test_a_non_finite_number_in_a_transcript_names_its_field(data: st.DataObject) -> None:
    """NaN or 1e999 in a transcript said "NaN is not a number a transcript can hold" or
    "the number given for 'value' …", without the step."""
    source = data.draw(st.sampled_from(sorted(TRANSCRIPTS.glob("*.json"))), label="file")
    document = json.loads(source.read_text(encoding="utf-8"))
    place = data.draw(st.sampled_from(_transcript_numbers(document)), label="place")
    literal = data.draw(_NON_FINITE, label="number")
    _parent_of(document, place)[place[-1]] = "__HERE__"
    if place[0] == "steps":
        field = (f"steps[{place[1]}].value "
                 f"(question '{document['steps'][place[1]]['question_id']}')")
    else:
        field = ".".join(str(part) for part in place)
    with _folder() as folder:
        path = folder / "transcript.json"
        path.write_text(json.dumps(document).replace('"__HERE__"', literal), encoding="utf-8")
        code, out, err = _cli("replay", str(path), "--today", TODAY.isoformat())
    assert_one_message(code, out, err, {2}, f"{path}: {field}: expected a finite number")


@pytest.mark.skipif(not _replay_exists(), reason="advisor/transcript is not on this branch yet")
@SETTINGS
@given(data=st.data())
def test_a_control_character_in_any_text_of_a_transcript_is_refused(
    data: st.DataObject,
) -> None:
    """A reaction or a draft holding `\\x1b]52;…` (a clipboard write) passed `advisor replay`
    and reached the terminal when resumed: every text of a transcript keeps the answers'
    rules, and the message names the field."""
    source = data.draw(st.sampled_from(sorted(TRANSCRIPTS.glob("*.json"))), label="file")
    document = json.loads(source.read_text(encoding="utf-8"))
    index = data.draw(st.integers(0, len(document["steps"]) - 1), label="step")
    document["steps"][index]["reaction"] = "Noted."  # the chat's transcripts have these
    document["draft"] = {"question_id": "examples", "text": "12"}
    if document["status"] == "complete":
        del document["draft"]
    places = [p for p in _string_places(document)
              if p[-1] not in ("at", "started_at", "saved_at", "today", "status",
                               "content_hash", "question_id")]
    at = _poison(document, data.draw(st.sampled_from(places), label="place"), data)
    with _folder() as folder:
        file = folder / "transcript.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = _cli("replay", str(file), "--today", TODAY.isoformat())
    assert_one_message(code, out, err, {2}, f"{file}: ")
    assert "expected printable text, found " in err and f"at position {at + 1}" in err, err


# --- hardening: output that cannot be written ------------------------------------------------

_OUTSIDE = Path(os.environ.get("TMPDIR", "/tmp"))
_NORMAL: dict[tuple[str, ...], tuple[int, bool, bool]] = {}  # command → code, out?, err?


def _process(args: list[str], stdout: Any, stderr: Any, closed: int | None = None
             ) -> subprocess.CompletedProcess[str]:
    """`closed`: a standard descriptor the process starts without (`>&-`, `2>&-`)."""
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args], stdin=subprocess.DEVNULL, stdout=stdout,
        stderr=stderr, text=True, cwd=_OUTSIDE, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        preexec_fn=None if closed is None else lambda: os.close(closed),
    )


def _output_commands() -> list[list[str]]:
    cover = sorted((COVER / "quick_check").glob("[0-9][0-9]-*[!t].json"))[0]
    transcript = sorted(TRANSCRIPTS.glob("*.json"))[0]
    return [
        ["flows", "list"], ["flows", "graph", "quick_check"], ["prices"], ["prices", "--models"],
        ["prices", "--format", "json"], ["sessions", "--sessions-dir", "/nonexistent"],
        ["run", "--flow", "quick_check", "--answers", str(cover), "--format", "text"],
        ["run", "--flow", "quick_check", "--answers", str(cover), "--format", "markdown"],
        ["run", "--answers", "/nonexistent/answers.json"], ["replay", str(transcript)],
        ["flows", "check", "quick_check"], ["--help"], ["run", "--today", "soon"],
    ]


def _broken_stream(kind: str) -> tuple[Any, Any, list[int]]:
    """stdout, stderr for the child, and descriptors to close after it ran."""
    if kind in ("closed stdout", "closed stderr", "closed stdin"):
        return subprocess.PIPE, subprocess.PIPE, []
    if kind == "closed pipe":
        reader, writer = os.pipe()
        os.close(reader)
        return writer, subprocess.PIPE, [writer]
    if kind == "dead terminal":
        master, slave = os.openpty()
        os.close(master)
        return slave, subprocess.PIPE, [slave]
    full = os.open("/dev/full", os.O_WRONLY)
    if kind == "full stdout":
        return full, subprocess.PIPE, [full]
    if kind == "full stderr":
        return subprocess.PIPE, full, [full]
    return full, full, [full]  # both


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@settings(SETTINGS, max_examples=PROCESS_EXAMPLES)
@given(
    command=st.sampled_from(range(len(_output_commands()))),
    kind=st.sampled_from(["full stdout", "full stderr", "full both", "closed pipe",
                          "dead terminal", "closed stdout", "closed stderr", "closed stdin"]),
)
def test_output_that_cannot_be_written_is_one_line_and_exit_2(command: int, kind: str) -> None:
    args = _output_commands()[command]
    if tuple(args) not in _NORMAL:
        normal = _process(args, subprocess.PIPE, subprocess.PIPE)
        _NORMAL[tuple(args)] = (normal.returncode, bool(normal.stdout), bool(normal.stderr))
    code, wrote_out, wrote_err = _NORMAL[tuple(args)]
    stdout, stderr, close = _broken_stream(kind)
    closed = {"closed stdin": 0, "closed stdout": 1, "closed stderr": 2}.get(kind)
    try:
        result = _process(args, stdout, stderr, closed)
    finally:
        for fd in close:
            os.close(fd)
    broken_out = kind not in ("full stderr", "closed stderr", "closed stdin")
    broken_err = kind in ("full stderr", "full both", "closed stderr")
    lost = (broken_out and wrote_out) or (broken_err and wrote_err)
    assert result.returncode == (2 if lost else code), (args, kind, result.stderr)
    err = result.stderr or ""
    assert "Traceback" not in err and "Exception ignored" not in err, err
    if broken_out and wrote_out and kind in ("full stdout", "dead terminal", "closed stdout"):
        assert err.splitlines()[-1].startswith("advisor: standard output: cannot write: "), err
    if kind == "closed stderr" and not wrote_out:  # a message never lands in the results
        assert result.stdout == "", result.stdout
    if kind == "closed pipe":
        assert "cannot write" not in err


# --- hardening: control characters -----------------------------------------------------------

_UNSAFE_CHARS = st.sampled_from(
    [*map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]),
     *map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])]
)
_SECTION_LABELS = {"questions": "question", "decisions": "decision", "outcomes": "outcome",
                   "pitfalls": "pitfall"}


def _places(document: Any, wanted: Any, path: tuple[Any, ...] = ()
            ) -> Iterator[tuple[Any, ...]]:
    """The paths (keys and indexes) of every value in `document` that `wanted` accepts."""
    if wanted(document):
        yield path
    elif isinstance(document, dict):
        for key, item in document.items():
            yield from _places(item, wanted, (*path, key))
    elif isinstance(document, list):
        for index, item in enumerate(document):
            yield from _places(item, wanted, (*path, index))


def _string_places(document: Any) -> Iterator[tuple[Any, ...]]:
    return _places(document, lambda value: isinstance(value, str))


def _parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    """The list or table that holds the value at `path`."""
    for part in path[:-1]:
        document = document[part]
    return document


def _poison(document: Any, path: tuple[Any, ...], data: st.DataObject) -> int:
    """Put a character that steers a terminal into the text at `path`; where it went."""
    parent = _parent_of(document, path)
    text = parent[path[-1]]
    at = data.draw(st.integers(0, len(text)), label="at")
    char = data.draw(_UNSAFE_CHARS, label="char")
    parent[path[-1]] = text[:at] + char + text[at:]
    return at


def _place_words(raw: dict[str, Any], path: tuple[Any, ...]) -> tuple[str, str]:
    """Where `advisor flows check` must say the string at `path` is: node, field."""
    where, rest = "flow", list(path)
    if len(path) >= 2 and path[0] in _SECTION_LABELS:
        where = f"{_SECTION_LABELS[path[0]]} '{raw[path[0]][path[1]]['id']}'"
        rest = list(path[2:])
    field = ""
    for part in rest:
        field += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if field else part)
    return where, field


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@settings(SETTINGS, max_examples=FLOW_EXAMPLES)
@given(data=st.data())
def test_a_control_character_anywhere_in_a_flow_is_found_and_refused(
    flow_id: str, data: st.DataObject
) -> None:
    from advisor.engine.flows import parse_flow
    from advisor.errors import FlowError

    raw = _flow_raw(flow_id)
    places = [p for p in _string_places(raw) if p[-1] != "id"]  # ids have a pattern of their own
    path = data.draw(st.sampled_from(places), label="place")
    at = _poison(raw, path, data)
    poisoned = dumps(raw)
    where, field = _place_words(raw, path)
    result = lint_text(poisoned, "poisoned.toml", limit=300)
    found = [f for f in result.findings if f.kind == "control-character"]
    assert [(f.where, f.message.split(":")[0]) for f in found] == [(where, field)]
    assert f"at position {at + 1}" in found[0].message
    rest = [f for f in result.findings if f.kind != "control-character"]
    assert rest == _clean_findings(flow_id), "the rest of the flow is judged as before"
    with pytest.raises(FlowError, match=f"^poisoned.toml: {re.escape(where)}: "
                                        f"{re.escape(field)}: "):
        parse_flow(poisoned, "poisoned.toml")


def _number_places(document: Any) -> Iterator[tuple[Any, ...]]:
    return _places(document,
                   lambda value: isinstance(value, int | float) and not isinstance(value, bool))


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@settings(SETTINGS, max_examples=FLOW_EXAMPLES)
@given(data=st.data())
def test_nan_or_infinity_anywhere_in_a_flow_is_found_and_refused(
    flow_id: str, data: st.DataObject
) -> None:
    """A bound or condition of nan accepts anything or never holds: `flows check` called
    such flows clean, or crashed (decimal.InvalidOperation) on min = nan."""
    from advisor.engine.flows import parse_flow
    from advisor.errors import FlowError

    raw = _flow_raw(flow_id)
    places = list(_number_places(raw))
    if not places:
        return
    path = data.draw(st.sampled_from(places), label="place")
    _parent_of(raw, path)[path[-1]] = data.draw(st.sampled_from([math.nan, math.inf, -math.inf]),
                                                label="number")
    poisoned = dumps(raw)
    where, field = _place_words(raw, path)
    result = lint_text(poisoned, "poisoned.toml", limit=300)  # never raises
    schema = [str(f) for f in result.findings if f.kind == "schema"]
    assert any(f"{where}" in line and f"{field}: expected" in line for line in schema), (
        where, field, schema)
    with pytest.raises(FlowError):
        parse_flow(poisoned, "poisoned.toml")


@functools.cache
def _clean_findings(flow_id: str) -> list[Any]:
    """What the same (short) path check finds in the flow as shipped."""
    text = dumps(_flow_raw(flow_id))
    return [dataclasses.replace(f, source="poisoned.toml")
            for f in lint_text(text, "poisoned.toml", limit=300).findings]


def _strings_poisoned(value: Any, draw: st.DrawFn) -> Any:
    if isinstance(value, str):
        return value + draw(st.text(_UNSAFE_CHARS, max_size=3)) if draw(st.booleans()) else value
    if isinstance(value, dict):
        return {key: _strings_poisoned(item, draw) for key, item in value.items()}
    if isinstance(value, list):
        return [_strings_poisoned(item, draw) for item in value]
    return value


@pytest.mark.parametrize("flow_id", FLOW_IDS)
@SETTINGS
@given(data=st.data())
def test_no_rendering_writes_a_control_character_from_data(
    flow_id: str, data: st.DataObject
) -> None:
    """Whatever strings a report holds (a future catalog row, a file name): every format
    escapes them, and the JSON still holds exactly the same strings."""
    from advisor.textsafe import UNSAFE, visible

    flow = FLOWS[flow_id]
    answers = data.draw(st.sampled_from(_cover_answers(flow_id)), label="answers")
    session = run_answers(flow, answers, context=Context(today=TODAY))
    report = _strings_poisoned(build_report(session, answers), data.draw)
    for fmt in FORMATS:
        assert not UNSAFE.search(render(report, fmt, flow)), fmt
    assert json.loads(render(report, "json", flow)) == report
    text = data.draw(st.text(), label="text")
    assert not UNSAFE.search(visible(text))
    assert json.loads(visible(json.dumps(text, ensure_ascii=False))) == text


# --- hardening: long flows -------------------------------------------------------------------


@st.composite
def long_chain(draw: st.DrawFn) -> tuple[str, int]:
    """A valid flow past the recursion limit: questions and decisions in a random order;
    the last decision reads the first question. Returns the TOML and its paths (2)."""
    kinds = draw(st.lists(st.sampled_from("qqqd"), min_size=1_050, max_size=1_600))
    kinds[0] = "q"
    ids = [f"{'q' if k == 'q' else 'd'}{i:05d}" for i, k in enumerate(kinds)]
    parts = ['id="long"\ntitle="T"\nversion="1"\n']
    for here, kind, there in zip(ids, kinds, [*ids[1:], "last"], strict=True):
        if kind == "q":
            parts.append(f'[[questions]]\nid="{here}"\nkind="yes_no"\nprompt="Q?"\n'
                         f'help="H."\nroutes=[{{to="{there}"}}]\n')
        else:
            parts.append(f'[[decisions]]\nid="{here}"\nroutes=[{{to="{there}"}}]\n')
    parts.append(f'[[decisions]]\nid="last"\nroutes=[{{when={{fact="{ids[0]}",eq=true}},'
                 'to="yes"},{to="no"}]\n')
    for name, approach in (("yes", "rag"), ("no", "prompt_engineering")):
        parts.append(f'[[outcomes]]\nid="{name}"\napproach="{approach}"\n'
                     f'components=["{approach}"]\ntitle="T"\nsummary="S."\n')
    return "".join(parts), 2


@settings(SETTINGS, max_examples=LONG_EXAMPLES)
@given(chain=long_chain(), shape=st.tuples(st.integers(5, 25), st.integers(40, 80)))
def test_long_flows_are_checked_and_covered_right(chain: tuple[str, int],
                                                  shape: tuple[int, int]) -> None:
    from advisor.engine.flows import parse_flow
    from advisor.flowcheck.cover import cover

    from .longflows import wide_flow

    wide = wide_flow(*shape)
    for text, paths in ((chain[0], chain[1]), (wide, shape[0])):
        result = lint_text(text, "long.toml")
        assert result.findings == [], "\n".join(map(str, result.findings[:3]))
        assert result.exploration is not None and result.exploration.total == paths
        flow = parse_flow(text, "long.toml")
        found = cover(flow, Context(today=TODAY))
        assert not found.missing and {p.outcome for p in found.paths} == set(flow.outcomes)
        for path in found.paths:
            session = run_answers(flow, dict(path.answers), context=Context(today=TODAY))
            assert session.state == path.outcome


# --- hardening: special files ----------------------------------------------------------------


def _special(kind: str, folder: Path, content: bytes) -> tuple[str, Any]:
    """A path of the given kind (and a thread writing to it, for a pipe with a writer)."""
    import socket
    import threading

    path = folder / "answers.json"
    if kind == "fifo, no writer":
        os.mkfifo(path)
    elif kind == "fifo with a writer":
        os.mkfifo(path)

        def write() -> None:
            with open(path, "wb") as handle:
                handle.write(content)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        return str(path), writer
    elif kind == "symlink loop":
        path.symlink_to(path)
    elif kind == "dangling symlink":
        path.symlink_to(folder / "gone.json")
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return str(path), server
    elif kind.startswith("/dev/"):
        return kind, None
    else:
        path.write_bytes(content)
    return str(path), None


@settings(SETTINGS, max_examples=EXAMPLES)
@given(
    kind=st.sampled_from(["fifo, no writer", "fifo with a writer", "symlink loop",
                          "dangling symlink", "folder", "socket", "/dev/zero", "/dev/null",
                          "file"]),
    command=st.sampled_from(["run", "replay", "check"]),
    fill=st.integers(0, 200_000),
)
def test_special_files_never_block_and_get_one_message(kind: str, command: str,
                                                       fill: int) -> None:
    from unittest import mock

    import advisor.fileio

    content = json.dumps({"need": ["style"], "use_case": "x" * fill}).encode()
    with _folder() as folder, mock.patch.object(advisor.fileio, "SPECIAL_FILE_SECONDS", 1.0):
        path, helper = _special(kind, folder, content)
        try:
            args = {"run": ["run", "--answers", path], "replay": ["replay", path],
                    "check": ["flows", "check", path]}[command]
            code, out, err = _cli(*args)
        finally:
            if hasattr(helper, "close"):
                helper.close()
            if hasattr(helper, "join"):
                helper.join(timeout=30)
                assert not helper.is_alive(), "a writer left blocked"
    assert_one_message(code, out, err, {0, 1, 2, 3}, path)
    if kind in ("fifo, no writer", "symlink loop", "dangling symlink", "folder", "socket",
                "/dev/zero"):
        assert code == 2, err


# --- hardening: what a browser sends to `advisor serve` --------------------------------------


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, Path]]:
    """One `advisor serve` for the property below: its process, address and log file."""
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "stderr.txt"
    with open(log, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "advisor", "serve", "--port", "0", "--flow", "quick_check",
             "--no-autosave"], stdout=subprocess.PIPE, stderr=err, cwd=folder,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"}, start_new_session=True,
        )
    assert process.stdout is not None
    address = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline().decode())
    assert address, log.read_text()
    yield process, address.group(0), log
    process.send_signal(2)
    process.wait(timeout=30)


def _tabs_of(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            listed = (task / "children").read_text()
        except FileNotFoundError:  # a thread of the server that ended while we looked
            continue
        children += [int(c) for c in listed.split()]
    return children


_FRAME = st.one_of(
    st.text(max_size=40),
    st.binary(max_size=40),
    st.builds(lambda kind, data: json.dumps([kind, data]),
              st.sampled_from(["stdin", "resize", "ping", "focus", "blur", "quit", ""]),
              _JSON),
    st.builds(lambda w, h: json.dumps(["resize", {"width": w, "height": h}]),
              st.integers(-(10**6), 10**9), st.integers(-(10**6), 10**9)),
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
@settings(SETTINGS, max_examples=PROCESS_EXAMPLES)
@given(frames=st.lists(_FRAME, min_size=1, max_size=4),
       query=st.sampled_from(["", "?width=8000&height=8000", "?width=-3&height=x",
                              "?width=20000"]))
def test_whatever_a_browser_sends_the_server_answers_in_one_line_and_the_tab_ends(
    chat_server: tuple[Any, str, Path], frames: list[Any], query: str
) -> None:
    """Non-JSON frames and a plain GET /ws logged tracebacks; huge windows took gigabytes;
    tabs outlived their browsers. Any frames, any window: one line per bad connection, the
    window capped, and no tab left behind."""
    import asyncio
    import time

    import aiohttp

    process, url, log = chat_server

    async def talk() -> None:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(url + "ws" + query, max_msg_size=0)
            for frame in frames:
                try:
                    await (ws.send_bytes(frame) if isinstance(frame, bytes)
                           else ws.send_str(frame))
                except ConnectionError:  # the server closed it after a bad frame: expected
                    break
            await ws.close()

    asyncio.run(talk())
    deadline = time.monotonic() + 20
    while _tabs_of(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the tab to end, with a deadline
    assert _tabs_of(process.pid) == []
    assert process.poll() is None  # still serving
    lines = log.read_text(encoding="utf-8").splitlines()
    assert all(line.startswith("advisor: note: 127.0.0.1: ") for line in lines), lines[-5:]


# --- hardening: model ids typed in part ------------------------------------------------------


@functools.cache
def _platform_ids() -> list[str]:
    from advisor.costs.prices.catalog import load_catalog

    return sorted(m for m in load_catalog().models if ":" in m)


@settings(SETTINGS, max_examples=EXAMPLES)
@given(data=st.data())
def test_a_model_typed_in_part_is_offered_ids_that_exist_and_begin_so(
    data: st.DataObject,
) -> None:
    """`llama-3.1-8b`, or any start of a platform's model id, was answered with ids that
    merely look alike and left out the platforms' own (together:llama-3.1-8b)."""
    platform = data.draw(st.sampled_from(_platform_ids()), label="platform")
    bare = platform.split(":", 1)[1]
    typed = bare[: data.draw(st.integers(3, len(bare)), label="cut")]
    code, out, err = _cli("prices", "--model", typed, "--format", "json")
    assert_one_message(code, out, err, {0, 2}, f"no model '{typed}'")
    if code == 0:
        return
    offered = re.findall(r"'([^']+)'", err.split(" (", 1)[1])
    assert offered, err
    for model_id in offered:  # every id offered is one the model question takes
        assert _cli("prices", "--model", model_id, "--format", "json")[0] == 0, model_id
    begin = [m for m in offered if m.lower().startswith(typed.lower())
             or m.split(":", 1)[-1].lower().startswith(typed.lower())]
    assert begin, err


# --- hardening: an output that names an input -----------------------------------------------


@settings(SETTINGS, max_examples=PROCESS_EXAMPLES)
@given(
    command=st.sampled_from(["run --output", "run --save-transcript", "replay file",
                             "replay folder", "graph"]),
    spelling=st.sampled_from(["same", "dotted", "relative", "symlink", "hard link"]),
)
def test_an_output_that_names_an_input_is_refused_and_the_input_kept(
    command: str, spelling: str
) -> None:
    """`run --answers a.json --output a.json` replaced the answers with the report; every
    command that writes a file refuses one it reads, however the path is spelled."""
    with _folder() as folder:
        sessions = folder / "sessions"
        sessions.mkdir()
        if command.startswith("run"):
            source = folder / "a.json"
            source.write_text(json.dumps(_cover_answers("quick_check")[0]), encoding="utf-8")
        elif command.startswith("replay"):
            source = sessions / "t.json"
            source.write_bytes(sorted(TRANSCRIPTS.glob("*.json"))[0].read_bytes())
        else:
            source = folder / "flow.toml"
            source.write_bytes(Path(shipped()["quick_check"]).read_bytes())
        before = source.read_bytes()
        if spelling == "symlink":
            target = str(source.parent / "other.json")
            os.symlink(source, target)
        elif spelling == "hard link":
            target = str(source.parent / "other.json")
            os.link(source, target)
        else:
            target = {"same": str(source), "dotted": f"{source.parent}/./{source.name}",
                      "relative": os.path.relpath(source)}[spelling]
        option = command.split()[1] if command.startswith("run") else "--output"
        args = {
            "run --output": ["run", "--flow", "quick_check", "--answers", str(source)],
            "run --save-transcript": ["run", "--flow", "quick_check", "--answers",
                                      str(source)],
            "replay file": ["replay", str(source)],
            "replay folder": ["replay", str(sessions)],
            "graph": ["flows", "graph", str(source)],
        }[command]
        code, out, err = _cli(*args, option, target)
        assert_one_message(code, out, err, {2}, f"{option} {target}: that is ")
        assert source.read_bytes() == before


# --- hardening: transcripts that break their flow's rules ------------------------------------


@st.composite
def rule_breaking_transcript(draw: st.DrawFn) -> dict[str, Any]:
    """A corpus transcript with answers or its outcome changed, to values that may or may
    not fit the flow that recorded it."""
    original = json.loads(draw(st.sampled_from(sorted(TRANSCRIPTS.glob("*.json"))))
                          .read_text(encoding="utf-8"))
    flow = FLOWS[original["flow"]["id"]]
    questions = sorted(flow.questions)
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["step", "earlier", "approach", "components",
                                       "pitfalls", "outcome", "cost", "bound"]))
        bounded = [s for s in document["steps"]
                   if (q := flow.questions.get(s["question_id"])) is not None and q.max_from]
        if action == "bound" and bounded:  # past (or up to) the answer that bounds it
            step = draw(st.sampled_from(bounded))
            limit = next((s["value"] for s in document["steps"] if s["question_id"]
                          == flow.questions[step["question_id"]].max_from), None)
            if isinstance(limit, int):
                step["value"] = limit + draw(st.integers(-1, 10))
        elif action == "step" and document["steps"]:
            step = draw(st.sampled_from(document["steps"]))
            question = flow.questions.get(step["question_id"])
            step["value"] = draw(valid_answer(question) if question and draw(st.booleans())
                                 else _JSON.filter(lambda v: v is not None))
        elif action == "earlier":
            key = draw(st.sampled_from(questions) | st.text(min_size=1, max_size=10))
            question = flow.questions.get(key)
            document["earlier_answers"][key] = draw(
                valid_answer(question) if question and draw(st.booleans())
                else _JSON.filter(lambda v: v is not None))
        elif action == "approach":
            document["outcome"]["approach"] = draw(st.sampled_from(APPROACHES)
                                                   | st.text(min_size=1, max_size=12))
        elif action == "components":
            document["outcome"]["components"] = draw(st.lists(
                st.sampled_from(APPROACHES) | st.text(min_size=1, max_size=8), min_size=1,
                max_size=3))
        elif action == "pitfalls":
            document["outcome"]["pitfalls"] = draw(st.lists(
                st.sampled_from([p.id for p in flow.pitfalls]) | st.text(min_size=1,
                                                                         max_size=8),
                max_size=3))
        elif action == "outcome":
            document["outcome"]["outcome"] = draw(st.sampled_from(sorted(flow.outcomes))
                                                  | st.text(min_size=1, max_size=8))
        elif action == "cost" and document["outcome"].get("monthly_usd"):
            key = draw(st.sampled_from(sorted(document["outcome"]["monthly_usd"])))
            document["outcome"]["monthly_usd"][key] = draw(st.floats(-1e6, 1e6))
    return document


def _breaks_its_flows_rules(document: dict[str, Any]) -> bool:
    """The rules, said independently of advisor.transcript.rules: would a conversation
    with the flow that recorded it have been able to record this?"""
    from advisor.errors import AnswerError
    from advisor.flow.values import coerce

    flow = FLOWS[document["flow"]["id"]]
    outcome = document["outcome"] or {}
    if outcome and (outcome["approach"] not in APPROACHES
                    or not set(outcome["components"]) <= set(APPROACHES)
                    or any(k not in APPROACHES or v < 0
                           for k, v in (outcome.get("monthly_usd") or {}).items())):
        return True
    answers = [(s["question_id"], s["value"], True) for s in document["steps"]]
    answers += [(k, v, False) for k, v in document["earlier_answers"].items()]
    taken: dict[str, Any] = {}
    for question_id, value, on_path in answers:
        if question_id not in flow.questions:
            return True
        question = flow.questions[question_id]
        try:
            number = coerce(question, value)
        except AnswerError:
            return True
        bound = taken.get(question.max_from) if question.max_from and on_path else None
        if isinstance(bound, int | float) and not isinstance(number, bool) and number > bound:
            return True  # e.g. a fixed part of the prompt longer than the prompt
        if on_path:
            taken[question_id] = number
    node = flow.outcomes.get(outcome.get("outcome")) if outcome else None
    if outcome and outcome.get("outcome") is not None and (
        node is None or node.approach != outcome["approach"]
        or list(node.components) != outcome["components"]
    ):
        return True
    return bool(outcome) and not set(outcome["pitfalls"]) <= {p.id for p in flow.pitfalls}


@pytest.mark.skipif(not _replay_exists(), reason="advisor/transcript is not on this branch yet")
@SETTINGS
@given(document=rule_breaking_transcript())
def test_transcripts_that_break_their_flows_rules_are_refused(document: dict[str, Any]) -> None:
    with _folder() as folder:
        path = folder / "transcript.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = _cli("replay", str(path), "--today", TODAY.isoformat())
    assert_one_message(code, out, err, {0, 1, 2}, str(path))
    if _breaks_its_flows_rules(document):
        assert code == 2, (out, err)
    else:  # a record a real conversation could have left: replayed, same or changed
        assert code in (0, 1), err


# --- hardening: odd numbers and dates --------------------------------------------------------

_ODD_NUMBERS = st.one_of(
    st.integers(-(10**600), 10**600),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e-320, -0.0, 5e-324, 1.7976931348623157e308]),
    st.sampled_from(["1e999", "-1e999", "9" * 450, "1e-320", "0.0000001", "1,000,000,000,000"]),
)


@settings(SETTINGS, max_examples=EXAMPLES)
@given(data=st.data())
def test_odd_numbers_get_short_messages_and_never_minus_zero(data: st.DataObject) -> None:
    from .cost_scenarios import ARTICLE

    flow = FLOWS["ai_strategy"]
    numbers = sorted(q.id for q in flow.questions.values() if q.kind == "number")
    answers = dict(ARTICLE)
    for key in data.draw(st.lists(st.sampled_from(numbers), min_size=1, max_size=3),
                         label="questions"):
        answers[key] = data.draw(_ODD_NUMBERS, label=key)
    text = json.dumps(answers)
    if data.draw(st.booleans(), label="literal"):  # numbers as written, not as strings
        for value in answers.values():
            if isinstance(value, str) and value.lstrip("-").replace("e", "").isdigit():
                text = text.replace(json.dumps(value), value)
    day = data.draw(st.dates(FIRST_DAY, LAST_DAY) | st.dates(date(1, 1, 1), date(9999, 12, 31)),
                    label="today")
    with _folder() as folder:
        path = folder / "answers.json"
        path.write_text(text, encoding="utf-8")
        code, out, err = _cli("run", "--answers", str(path), "--today", day.isoformat())
    if not FIRST_DAY <= day <= LAST_DAY:  # a day the price data cannot speak for
        assert_one_message(code, out, err, {2}, f"argument --today: expected a date from "
                           f"{FIRST_DAY} to {LAST_DAY}")
        return
    assert_one_message(code, out, err, {0, 2, 3}, str(path))
    assert len(err) < 400, err
    if code == 0:
        report = json.loads(out)
        assert not re.search(r"-0\.0\b", out), "a minus zero"
        costs = report.get("costs")
        if costs:
            assert costs["prices_as_of"] == day.isoformat()


# --- hardening: replay on several processes --------------------------------------------------


@pytest.mark.skipif(not _replay_exists(), reason="advisor/transcript is not on this branch yet")
@settings(SETTINGS, max_examples=max(EXAMPLES // 10, 3))
@given(
    picks=st.lists(st.integers(0, 10**6), min_size=100, max_size=160),
    broken=st.sets(st.integers(0, 159), max_size=10),
    jobs=st.integers(2, 4),
)
def test_replaying_on_several_processes_gives_the_same_results_in_order(
    picks: list[int], broken: set[int], jobs: int
) -> None:
    from advisor.transcript.replay import replay_files

    corpus = sorted(TRANSCRIPTS.glob("*.json"))
    with _folder() as folder:
        for number, pick in enumerate(picks):
            text = corpus[pick % len(corpus)].read_text(encoding="utf-8")
            if number in broken:
                text = text[: pick % len(text)]
            (folder / f"{number:03d}.json").write_text(text, encoding="utf-8")
        context = Context(today=TODAY)
        one = [r.as_dict() for r in replay_files([str(folder)], context=context, jobs=1)]
        many = [r.as_dict() for r in replay_files([str(folder)], context=context, jobs=jobs)]
    assert many == one
    assert [r["file"] for r in one] == sorted(r["file"] for r in one)
