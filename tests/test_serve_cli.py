"""`advisor serve` without a browser: its address, its warnings, its errors, its stop."""

from __future__ import annotations

import asyncio
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
