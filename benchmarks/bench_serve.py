"""The chat in a browser: time to the first question and memory per tab, against a minimal
Textual app served by textual-serve in the same run.

    python benchmarks/bench_serve.py [--runs 5] [--screenshot docs/serve-report.png]

Needs Debian's Chromium (`apt-get install -y chromium`) and the serve extra.

1. Start-up: the server process started → the first question visible in a Chromium tab
   (the browser is already running; the page is opened as soon as the port accepts a
   connection). Baseline: textual-serve's own Server serving a minimal Textual app (one
   Static) → its text visible, measured the same way, in the same browser.
2. Memory per open tab: the RSS of the tab's app process once its first screen is
   visible, against the minimal app's; once its first answer is saved; and once the
   conversation has reached the report (the default flow answered as for the screenshot,
   the heaviest screen a tab shows) and it has been paged through to its end; and the
   server process's own RSS.
3. --screenshot PATH: answers the default flow in the browser up to its report and saves
   a picture of the page (the README's).

Tab processes start with warm .pyc files (PYTHONDONTWRITEBYTECODE is unset for them) and
a warm flow cache, as a user's do. Figures are medians of --runs fresh servers.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import PYTHON, user_env  # noqa: E402

from tests.browser import Browser, Tab, chromium_path, until  # noqa: E402

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")

Minimal().run()
"""

MINIMAL_SERVER = """
import sys
from textual_serve.server import Server
Server(sys.argv[1], host="127.0.0.1", port=int(sys.argv[2])).serve()
"""

FIRST_QUESTION = "In a sentence, what should the model do for you?"  # the default flow
SCREENSHOT_ANSWERS: dict[str, Any] = {
    "use_case": "Reply to support tickets in our brand voice",
    "need": ["style", "format"],
    "prompts_work": "no",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": "20k",
    "requirements_change": "rarely",
}


WINDOW = ["?"]  # the tab's window in cells, as the page asked for it
VIEWPORT: list[dict[str, Any] | None] = [None]  # --viewport: the browser window, in pixels


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


async def listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    return True


async def one_start(
    browser: Browser, command: list[str], port: int, text: str, answer: bool = False
) -> tuple:
    """(seconds to `text` in the page, tab RSS MB, server RSS MB, tab RSS MB once the
    first answer is saved, tab RSS MB at the report — the last two with `answer`) for one
    fresh server."""
    started = time.monotonic()
    server = subprocess.Popen(command, env=user_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        await until(lambda: listening(port), f"port {port}")
        tab = await browser.open(f"http://127.0.0.1:{port}/")
        if VIEWPORT[0] is not None:
            await tab.send("Emulation.setDeviceMetricsOverride", VIEWPORT[0])
        await tab.wait_for(text, timeout=60)
        seconds = time.monotonic() - started
        (app,) = children(server.pid)
        environ = dict(item.split("=", 1) for item in Path(f"/proc/{app}/environ").read_text()
                       .split("\0") if "=" in item)
        WINDOW[0] = f"{environ.get('COLUMNS')}×{environ.get('ROWS')}"  # the page's first size
        result = (seconds, rss_mb(app), rss_mb(server.pid), 0.0, 0.0)
        if answer:  # the first answer is autosaved: the transcript code is loaded then
            asked = await answer_to_report(tab, stop_after=1)
            first = rss_mb(app)
            await answer_to_report(tab, asked=asked)
            for _ in range(80):  # read to the end: every part of the report drawn once
                if "Your answers" in await tab.screen_text():
                    break
                await tab.press("pagedown")
            await tab.wait_for("Your answers")
            result = (*result[:3], first, rss_mb(app))
        await tab.close()
        return result
    finally:
        server.send_signal(2)
        server.wait(timeout=30)


def advisor_command(port: int, sessions: str) -> list[str]:
    return [PYTHON, "-m", "advisor", "serve", "--port", str(port), "--sessions-dir", sessions]


def minimal_command(port: int) -> list[str]:
    app = "exec " + shlex.join([PYTHON, "-c", MINIMAL_APP])
    return [PYTHON, "-c", MINIMAL_SERVER, app, str(port)]


def keys_for(question: Any, value: Any) -> list[str]:
    """What a person types for `value` (None: enter, the default)."""
    if value is None:
        return ["enter"]
    if question.kind in ("text", "number"):
        return [*str(value), "enter"]
    if question.kind == "choice":
        return [str([c.id for c in question.choices].index(value) + 1)]
    if question.kind == "multi_choice":
        ids = [c.id for c in question.choices]
        return [*(str(ids.index(v) + 1) for v in value), "enter"]
    return ["y" if value else "n"]


async def press(tab: Tab, keys: list[str]) -> None:
    for key in keys:
        await (tab.press(key) if key in ("enter", "escape", "tab", "down", "pagedown")
               else tab.type(key))


async def answer_to_report(
    tab: Tab, asked: list[str] | None = None, stop_after: int | None = None
) -> list[str]:
    """Answer the default flow with SCREENSHOT_ANSWERS, from the question the tab shows
    (`asked`: the questions still to answer), until the report is shown — or, with
    `stop_after`, once that many are answered; returns the questions left."""
    from advisor.engine import run_answers
    from advisor.engine.flows import load_flow
    from advisor.flow.library import resolve

    flow = load_flow(resolve(None))
    if asked is None:
        asked = [step.question_id for step in run_answers(flow, SCREENSHOT_ANSWERS).steps]
    for index, question_id in enumerate(asked):
        if stop_after is not None and index == stop_after:
            return asked[index:]
        await press(tab, keys_for(flow.questions[question_id],
                                  SCREENSHOT_ANSWERS.get(question_id)))
        following = asked[index + 1] if index + 1 < len(asked) else None
        await tab.wait_for(flow.questions[following].prompt[:30] if following else "Costs")
    await tab.wait_for("e Export")  # the report's keys, in its footer
    return []


async def screenshot(browser: Browser, path: Path, sessions: str) -> None:
    port = free_port()
    server = subprocess.Popen(advisor_command(port, sessions), env=user_env(),
                              stdout=subprocess.DEVNULL)
    try:
        await until(lambda: listening(port), f"port {port}")
        tab = await browser.open(f"http://127.0.0.1:{port}/")
        await tab.wait_for(FIRST_QUESTION, timeout=60)
        await answer_to_report(tab)
        await tab.screenshot(path)
        print(f"screenshot of the report: {path}")
    finally:
        server.send_signal(2)
        server.wait(timeout=30)


async def main(runs: int, shot: Path | None) -> None:
    executable = chromium_path()
    if executable is None:
        sys.exit("bench_serve: Chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sessions = str(folder / "sessions")
        async with Browser(executable, folder / "profile", folder / "downloads") as browser:
            await one_start(browser, advisor_command(port := free_port(), sessions), port,
                            FIRST_QUESTION)  # warm-up: .pyc files and the flow cache
            ours, base = [], []
            for _ in range(runs):
                port = free_port()
                ours.append(await one_start(browser, advisor_command(port, sessions), port,
                                            FIRST_QUESTION, answer=True))
                port = free_port()
                base.append(await one_start(browser, minimal_command(port), port,
                                            "minimal app ready"))
            if shot is not None:
                await screenshot(browser, shot, sessions)

    def median(rows: list[tuple], column: int) -> float:
        return statistics.median(row[column] for row in rows)

    print(f"server start → first question in the browser: advisor {median(ours, 0):.2f} s, "
          f"minimal app {median(base, 0):.2f} s → ratio {median(ours, 0) / median(base, 0):.2f}"
          f" (medians of {runs})")
    print(f"memory per open tab (RSS of its app process): advisor {median(ours, 1):.1f} MB, "
          f"minimal app {median(base, 1):.1f} MB → ratio {median(ours, 1) / median(base, 1):.2f}"
          f"; advisor once its first answer is saved: {median(ours, 3):.1f} MB, at the "
          f"report: {median(ours, 4):.1f} MB (a window of {WINDOW[0]} cells)")
    print(f"server process (RSS): advisor serve {median(ours, 2):.1f} MB, "
          f"textual-serve alone {median(base, 2):.1f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path, help="save a picture of the report here")
    parser.add_argument("--viewport", metavar="WxH",
                        help="the browser window in pixels (default 1280x800, as the tests)")
    options = parser.parse_args()
    if options.viewport:
        width, height = (int(n) for n in options.viewport.lower().split("x"))
        VIEWPORT[0] = {"width": width, "height": height, "deviceScaleFactor": 1,
                       "mobile": False}
    asyncio.run(main(options.runs, options.screenshot))
