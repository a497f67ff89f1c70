"""`advisor serve` as a test starts it: the installed program, a free loopback port."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Served:
    process: asyncio.subprocess.Process
    url: str
    started: float  # time.monotonic() when `advisor serve` was started
    sessions: Path
    cwd: Path

    def tab_processes(self) -> list[int]:
        """The server's child processes: one per open tab (Linux's /proc)."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            children += [int(pid) for pid in (task / "children").read_text().split()]
        return children

    async def stop(self, whole_group: bool = False) -> tuple[int | None, str, str]:
        """SIGINT, then its exit code, stdout after the address line, stderr. ctrl+c in a
        terminal signals the whole process group (`whole_group`): the tabs' apps too."""
        if whole_group:
            os.killpg(self.process.pid, signal.SIGINT)
        else:
            self.process.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(self.process.communicate(), 30)
        return self.process.returncode, out.decode(), err.decode()


@asynccontextmanager
async def serving(
    tmp_path: Path, *args: str, host: str = "127.0.0.1"
) -> AsyncIterator[Served]:
    """`advisor serve --port 0 --flow quick_check …` until the block ends (killed if the
    test did not stop it), with its address read from the first line it prints."""
    cwd = tmp_path / "server-cwd"  # exports must never land here, or anywhere
    cwd.mkdir()
    sessions = tmp_path / "sessions"
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "advisor", "serve", "--port", "0", "--flow", "quick_check",
        "--host", host, "--sessions-dir", str(sessions), *args,
        cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, as in a terminal of its own
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert found, f"no address in {line!r}"
    served = Served(process, found.group(0), started, sessions, cwd)
    try:
        yield served
    finally:
        if process.returncode is None:  # the test failed before stopping it
            process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
