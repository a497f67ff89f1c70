"""How quickly the chat starts and answers, against a minimal Textual app in the same run.

    python benchmarks/bench_tui.py [--runs 7]

1. Start-up: process start → first question ready (its answer panel mounted and the
   screen refreshed), against a minimal Textual app with one Static that exits as soon
   as it is ready (mounted and the screen refreshed: the same test). Goal: ratio ≤ 1.3.
   Both run headless, as fresh processes, with warm .pyc files (PYTHONDONTWRITEBYTECODE
   is unset for them) and a warm flow cache; the chat's arguments are parsed as
   `advisor chat` parses them (only that command built).
2. Answer latency: from the key that submits an answer to the first frame that draws
   the next question, over whole conversations. Goal: median ≤ 50 ms, p90 ≤ 80 ms.
   And from the last answer to the first frame of the report: goal ≤ 5 × an answer's
   median, in the same run; with the time to the frame that first holds the whole
   report (the part below the first screenful is mounted after that first frame).
3. Peak memory (max RSS) at "ready", and once the first answer is autosaved, against
   the same minimal app. Goal: ratio ≤ 1.3 for both.

Figures are medians of several runs; the script prints them and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

MINIMAL = r"""
import asyncio, os, resource, time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("ready")

async def ready(pilot):
    done = asyncio.Event()
    pilot.app.screen.call_after_refresh(done.set)
    await done.wait()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(time.time(), rss, rss, flush=True)
    os._exit(0)

Minimal().run(headless=True, auto_pilot=ready)
"""

# What `advisor chat` does (chat_cmd.handle), then waits for the first question's panel.
# After "ready" it also answers one question, so the memory of autosave (the saving code
# loads on a worker thread once the first question is up) is measured too.
ADVISOR = r"""
import asyncio, os, resource, sys, tempfile, time
from advisor.cli import build_parser
from advisor.flow.library import resolve
from advisor.engine.flows import load_flow

args = build_parser(only="chat").parse_args(["chat"])  # as advisor.cli.main builds it
flow = load_flow(resolve(args.flow))
from advisor.tui.app import AdvisorApp

async def ready(pilot):
    app = pilot.app
    while not app.screen.query("#answer-area .answer-panel"):
        await asyncio.sleep(0)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()
    at_ready = time.time()
    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    await app.workers.wait_for_complete()
    await pilot.press("enter")
    while not app.session.steps:
        await asyncio.sleep(0)
    assert os.listdir(sessions), "the first answer was not saved"
    rss_saved = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(at_ready, rss_ready, rss_saved, flush=True)
    os._exit(0)

sessions = tempfile.mkdtemp()
AdvisorApp(flow, sessions_dir=sessions).run(headless=True, auto_pilot=ready)
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_once(code: str) -> tuple[float, int, int]:
    """Seconds from spawning the process to its first question shown, and its max RSS
    (KB) then and after the first answer was saved."""
    began = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(),
        timeout=120,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"benchmark child failed:\n{result.stderr[-3000:]}")
    ready, rss_ready, rss_saved = result.stdout.split()
    return float(ready) - began, int(rss_ready), int(rss_saved)


def startup(runs: int) -> None:
    start_once(MINIMAL)  # warm the .pyc files and the flow cache
    start_once(ADVISOR)
    minimal: list[tuple[float, int, int]] = []
    advisor: list[tuple[float, int, int]] = []
    for _ in range(runs):  # interleaved, so both see the same machine
        minimal.append(start_once(MINIMAL))
        advisor.append(start_once(ADVISOR))
    mt = statistics.median(r[0] for r in minimal)
    at = statistics.median(r[0] for r in advisor)
    mm = statistics.median(r[1] for r in minimal)
    am = statistics.median(r[1] for r in advisor)
    saved = statistics.median(r[2] for r in advisor)
    print(f"start-up to first question  minimal app {mt * 1000:7.1f} ms   "
          f"advisor {at * 1000:7.1f} ms   ratio {at / mt:.2f}  (goal ≤ 1.3)")
    print(f"peak memory (max RSS)       minimal app {mm / 1024:7.1f} MB   "
          f"advisor {am / 1024:7.1f} MB   ratio {am / mm:.2f}  (goal ≤ 1.3)")
    print(f"  after the first answer is autosaved: advisor {saved / 1024:.1f} MB, "
          f"ratio {saved / mm:.2f}  (goal ≤ 1.3)")


# --- answer latency ------------------------------------------------------------------------

CONVERSATIONS = [
    {
        "use_case": "Release notes in our house style",
        "need": ["style", "format"],
        "prompts_work": "no",
        "examples": "1.2k",
        "data_reviewed": True,
        "test_set": True,
        "requests_per_day": "20k",
        "requirements_change": "rarely",
        "output_tokens": "300",
        "model": "custom",
        "price_input_per_1k": "0.03",
        "price_output_per_1k": "0.06",
        "ft_price_input_per_1k": "0.045",
        "ft_price_output_per_1k": "0.09",
        "training_price_per_1m": "25",
    },
    {
        "use_case": "",
        "need": ["style", "knowledge"],
        "knowledge_change": "weekly",
        "knowledge_plan": "retrieval",
        "prompts_work": "partly",
        "examples": "600",
        "data_reviewed": False,
        "test_set": False,
        "requests_per_day": "1.5M",
        "requirements_change": "sometimes",
        "prompt_tokens": "2,000",
        "model": "gpt-4.1",
        "ft_model": "together:llama-3.1-8b",
    },
]


STALLED_SECONDS = 10  # no answer takes this long: the keys sent no longer fit the chat


class FirstFrame:
    """When the app first draws a frame on which `ready()` holds: the moment the person
    would see it. Frames go out through App._display (headless, it renders the update
    and writes nothing); one held back inside a batch is not a frame."""

    def __init__(self, app, ready) -> None:  # type: ignore[no-untyped-def]
        self.at: float | None = None
        self._app, self._ready = app, ready
        self._display = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            self._display(screen, renderable)
            if (self.at is None and renderable is not None and not app._batch_count
                    and screen is app.screen and ready()):
                self.at = time.perf_counter()

        app._display = display

    def stop(self) -> None:
        self._app._display = self._display


async def _idle_render(app) -> None:
    """Wait until the screen has been drawn with what the app holds now. The chat draws
    an answer's changes as one batch (no update while it is open): wait for it to close
    first, or the callback could run on a refresh that drew nothing new."""
    while app._batch_count:
        await asyncio.sleep(0)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def _key(app, key: str, character: str | None) -> None:
    from textual import events

    app.post_message(events.Key(key, character))


async def converse_timed(app, answers: dict, complete: list[float]) -> list[float]:
    """Answer every question; returns the times from submitting to the first frame that
    draws the next one (or the report); `complete` gets the time to the first frame of
    the whole report."""
    from textual.widgets import Input, SelectionList

    timings: list[float] = []
    session = app.session
    while (question := session.current) is not None:
        value = answers.get(question.id)  # None: take what is offered (enter)
        ids = [c.id for c in question.choices]
        screen = app.screen
        panel = screen.query_one("#answer-area").children[-1]  # the one just mounted
        if question.kind in ("text", "number") or question.choices_from:
            # A choice from data (the model list) is a filtered list: its id is typed.
            if value is not None:
                panel.query_one(Input).value = value
            submit = ("enter", None)
        elif question.kind == "choice":
            index = ids.index(value) if value is not None else None
            if index is not None and index < 9:
                submit = (str(index + 1), str(index + 1))
            else:
                if index is not None:
                    panel.query_one("OptionList").highlighted = index
                submit = ("enter", None)
        elif question.kind == "yes_no":
            letter = "y" if value else "n"
            submit = (letter, letter)
        else:
            selections = panel.query_one(SelectionList)
            selections.deselect_all()
            for item in value:
                selections.select(item)
            submit = ("enter", None)
        await _idle_render(app)
        area = screen.query_one("#answer-area")

        def shown(area=area) -> bool:
            """The next question's panel is the one shown (or the report is up); the old
            one may still be on its way out of the DOM, hidden."""
            if session.finished:
                return type(app.screen).__name__ == "ReportScreen"
            panels = [panel for panel in area.children if panel.display]
            return len(panels) == 1 and getattr(panels[0], "question", None) is session.current

        steps = len(session.steps)
        drawn = FirstFrame(app, lambda steps=steps: len(session.steps) > steps and shown())
        began = time.perf_counter()
        await _key(app, *submit)
        while drawn.at is None:
            await asyncio.sleep(0)
            if time.perf_counter() - began > STALLED_SECONDS:
                raise SystemExit(f"question '{question.id}': the chat did not go on after "
                                 f"{submit[0]!r} ({STALLED_SECONDS} s): the driver is stale")
        timings.append(drawn.at - began)
        if session.finished:  # and the whole report, below the first screenful too
            whole = FirstFrame(app, lambda: bool(app.screen.query("AnswersList")))
            while whole.at is None and time.perf_counter() - began < STALLED_SECONDS:
                await asyncio.sleep(0)
            whole.stop()
            if whole.at is None:
                raise SystemExit("the report was never drawn whole")
            complete.append(whole.at - began)
        drawn.stop()
        await _idle_render(app)
    return timings


async def latency(rounds: int) -> None:
    """Whole conversations; a question missing from a conversation takes its default."""
    from advisor.engine.flows import load_flow
    from advisor.flow.library import resolve
    from advisor.tui.app import AdvisorApp

    flow = load_flow(resolve(None))
    sessions = tempfile.mkdtemp()  # autosave is on, as for a person
    per_answer: list[float] = []
    to_report: list[float] = []
    whole: list[float] = []
    for _ in range(rounds):
        for answers in CONVERSATIONS:
            app = AdvisorApp(flow, cursor_blink=False, sessions_dir=sessions)
            async with app.run_test(size=(100, 32)):
                while not app.screen.query("#answer-area .answer-panel"):
                    await asyncio.sleep(0)
                await _idle_render(app)
                timings = await converse_timed(app, answers, whole)
                if not app.session.finished:
                    raise SystemExit("a timed conversation did not reach its report")
                per_answer += timings[:-1]
                to_report.append(timings[-1])
    if not per_answer:
        raise SystemExit("no answer was timed")
    print(f"answer → next question      median {statistics.median(per_answer) * 1000:6.1f} ms   "
          f"p90 {statistics.quantiles(per_answer, n=10)[-1] * 1000:6.1f} ms   "
          f"max {max(per_answer) * 1000:6.1f} ms   over {len(per_answer)} answers  "
          "(goal: median ≤ 50 ms, p90 ≤ 80 ms)")
    answer, report = statistics.median(per_answer), statistics.median(to_report)
    print(f"last answer → report        median {report * 1000:6.1f} ms   "
          f"ratio {report / answer:.2f} to an answer's  (goal ≤ 5)")
    print(f"  → the whole report drawn  median {statistics.median(whole) * 1000:6.1f} ms "
          "(what lies below the first screenful is mounted after the first frame)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each app")
    parser.add_argument("--rounds", type=int, default=3, help="conversations per path")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs")
    startup(args.runs)
    asyncio.run(latency(args.rounds))


if __name__ == "__main__":
    main()
