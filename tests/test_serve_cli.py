"""`advisor serve` without a browser: its address, its warnings, its errors, its stop."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import ROOT, run_cli, run_python
from tests.served import serving


@pytest.mark.parametrize("port", ["abc", "70000", "-1", "80.5"])
def test_a_bad_port_is_one_line_and_exit_2(port: str) -> None:
    result = run_cli("serve", "--port", port)
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "advisor: --port: expected a port number from 1 to 65535 (or 0 for any free port), "
        f"found {port!r}\n"
    )


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--flow", "quick_check")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"advisor: --port: port {port} on 127.0.0.1 is already in use; choose another "
        "(--port 0 picks a free one)\n"
    )


def test_an_unknown_flow_is_one_line_and_exit_2() -> None:
    result = run_cli("serve", "--flow", "quick_chek", "--port", "0")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "--flow: no shipped flow is called 'quick_chek'" in result.err
    assert "did you mean 'quick_check'" in result.err


def test_a_broken_flow_file_is_refused_before_the_port_opens() -> None:
    broken = ROOT / "tests" / "flows_broken" / "missing_node.toml"
    result = run_cli("serve", "--flow", str(broken), "--port", "0")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"advisor: {broken}: ") and result.err.count("\n") == 1


def test_without_textual_serve_it_says_how_to_install_it() -> None:
    out = run_python(
        "import sys\n"
        "sys.modules['textual_serve'] = None  # as if the serve extra were not installed\n"
        "from advisor.cli import main\n"
        "sys.exit(main(['serve', '--port', '0', '--flow', 'quick_check']))\n"
    )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == (
        "advisor: advisor serve needs the textual-serve package, which is not installed: "
        "install advisor with its serve extra, e.g. pip install 'advisor[serve]'\n"
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
async def test_it_prints_the_address_and_stops_cleanly(tmp_path: Path, signum: int) -> None:
    async with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as http, http.get(served.url) as page:
            assert page.status == 200
            assert "textual-terminal" in await page.text()
        served.process.send_signal(signum)
        out, err = await asyncio.wait_for(served.process.communicate(), 30)
    assert served.process.returncode == 0
    assert err == b""
    assert out.decode() == (
        f"Conversations are saved in {served.sessions}. Press ctrl+c to stop.\n"
        "Stopped; closed 0 open conversations.\n"
    )


@pytest.mark.asyncio
async def test_loopback_binds_refuse_other_sites_and_other_host_names(tmp_path: Path) -> None:
    async with serving(tmp_path, "--no-autosave") as served, aiohttp.ClientSession() as http:
        port = served.url.rsplit(":", 1)[1].strip("/")
        # DNS rebinding: a page from evil.example that resolves to 127.0.0.1.
        async with http.get(served.url, headers={"Host": f"evil.example:{port}"}) as page:
            assert page.status == 403
        # Another site's page opening the chat's websocket in the visitor's browser.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(served.url + "ws", origin="http://evil.example")
        assert refused.value.status == 403
        assert served.tab_processes() == []  # no app was started for it
        code, _, err = await served.stop()
    assert code == 0 and err == ""


@pytest.mark.asyncio
async def test_any_other_address_is_served_with_one_warning(tmp_path: Path) -> None:
    async with serving(tmp_path, host="0.0.0.0") as served:
        code, _, err = await served.stop()
    assert code == 0
    assert err == (
        "advisor: warning: listening on 0.0.0.0: anyone who can reach this port can use the "
        f"chat (there is no log-in), and their conversations are saved in {served.sessions}; "
        "the default, --host 127.0.0.1, keeps it to this machine\n"
    )


async def _draws_rows(ws: aiohttp.ClientWebSocketResponse, expected: int) -> tuple[int, int]:
    """Read what the tab draws until one update reaches row `expected` at most and exactly
    (a redraw at that height: cursor moves ESC[row;colH), or 30 s pass. The highest row
    and column any update drew on the way."""
    import re
    import time

    highest = (0, 0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            message = await asyncio.wait_for(ws.receive(), 1)
        except TimeoutError:
            continue  # nothing drawn this second: look again until the deadline
        if message.type != aiohttp.WSMsgType.BINARY:
            continue
        moves = re.findall(r"\x1b\[(\d+);(\d+)H", message.data.decode("utf-8", "replace"))
        if not moves:
            continue
        rows, columns = max(int(r) for r, _ in moves), max(int(c) for _, c in moves)
        highest = (max(highest[0], rows), max(highest[1], columns))
        if rows == expected:
            break
    return highest


@pytest.mark.asyncio
async def test_the_window_a_browser_asks_for_is_capped_at_500_by_200_cells(
    tmp_path: Path,
) -> None:
    """`/ws?width=8000&height=8000` took a tab to 403 MB, a resize to 20000×20000 to
    2.1 GB: the window is capped, at the start and on every resize."""
    async with serving(tmp_path, "--no-autosave") as served, aiohttp.ClientSession() as http:
        ws = await http.ws_connect(served.url + "ws?width=8000&height=8000", max_msg_size=0)
        rows, columns = await _draws_rows(ws, 200)
        assert rows == 200 and columns <= 500
        (tab,) = served.tab_processes()
        environ = Path(f"/proc/{tab}/environ").read_bytes().split(b"\0")
        assert b"COLUMNS=500" in environ and b"ROWS=200" in environ
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        assert (await _draws_rows(ws, 30))[0] >= 30
        await ws.send_str(json.dumps(["resize", {"width": 20000, "height": 20000}]))
        rows, columns = await _draws_rows(ws, 200)
        assert rows == 200 and columns <= 500
        await ws.close()
        code, _, err = await served.stop()
    assert (code, err) == (0, "")


@pytest.mark.asyncio
async def test_a_tab_process_ends_when_its_browser_goes_without_a_word(tmp_path: Path) -> None:
    """Two browsers with huge windows vanish (the connection reset, nothing read): their
    apps stayed alive for minutes, blocked writing to a pipe nobody read."""
    import base64
    import os
    import time

    async with serving(tmp_path, "--no-autosave", "--flow", "ai_strategy") as served:
        port = int(served.url.rsplit(":", 1)[1].strip("/"))
        browsers = []
        for _ in range(2):
            browser = socket.create_connection(("127.0.0.1", port))
            key = base64.b64encode(os.urandom(16)).decode()
            browser.sendall(
                f"GET /ws?width=8000&height=8000 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n".encode()
            )
            browsers.append(browser)
        deadline = time.monotonic() + 30
        while len(served.tab_processes()) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)  # polling for the processes to start
        tabs = served.tab_processes()
        assert len(tabs) == 2
        await asyncio.sleep(3)  # let the apps draw into windows nobody reads (the setup)
        for browser in browsers:  # gone: a reset, no closing handshake
            browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01" + b"\x00" * 7)
            browser.close()
        deadline = time.monotonic() + 20
        while served.tab_processes() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)  # polling, with a deadline
        assert served.tab_processes() == []
        assert not any(Path(f"/proc/{pid}").exists() for pid in tabs)  # reaped, not zombies
        code, _, err = await served.stop()
    assert code == 0 and "Traceback" not in err


@pytest.mark.asyncio
async def test_traffic_that_is_not_the_pages_gets_one_line_each_and_no_traceback(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path, "--no-autosave") as served, aiohttp.ClientSession() as http:
        async with http.get(served.url + "ws") as plain:
            assert plain.status == 400
            assert await plain.text() == (
                "advisor serve: /ws is the chat's websocket; open / in a browser\n"
            )
        for frame in ("hello", b"\x00\x01", json.dumps(["resize", {"width": "wide"}]),
                      json.dumps({"stdin": "x"})):
            ws = await http.ws_connect(served.url + "ws")
            await (ws.send_bytes(frame) if isinstance(frame, bytes) else ws.send_str(frame))
            closing = await asyncio.wait_for(ws.receive(), 30)
            while closing.type == aiohttp.WSMsgType.BINARY:  # what the tab drew first
                closing = await asyncio.wait_for(ws.receive(), 30)
            assert closing.type == aiohttp.WSMsgType.CLOSE and ws.close_code == 1003, frame
        async with http.get(served.url) as page:  # and it goes on serving
            assert page.status == 200
        code, _, err = await served.stop()
    assert code == 0 and "Traceback" not in err
    assert err.splitlines() == [
        "advisor: note: 127.0.0.1: GET /ws without a websocket upgrade (it is the chat's "
        "websocket; open / in a browser): answered 400",
        "advisor: note: 127.0.0.1: a frame that is not JSON ('hello'): not the chat's page; "
        "connection closed",
        "advisor: note: 127.0.0.1: a binary frame: not the chat's page; connection closed",
        "advisor: note: 127.0.0.1: a message the page never sends ('[\"resize\", "
        "{\"width\": \"wide\"}]'): not the chat's page; connection closed",
        "advisor: note: 127.0.0.1: a message the page never sends ('{\"stdin\": \"x\"}'): "
        "not the chat's page; connection closed",
    ]
