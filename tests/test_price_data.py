"""Prices that stay true after the release: `advisor prices update` fetches genai-prices'
newest data (from a loopback server here: nothing in the suite reaches the internet),
validates it whole, stores it atomically, and every later run prices with it — or, with a
file that cannot be price data, changes nothing and says why."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_answers

# One provider, one model, a price the bundled data does not have: GPT-6.2 Sol at $3 in
# and $12 out per 1M (genai-prices 0.2.5 bundles $2 and $10).
UPSTREAM = [
    {
        "id": "openai",
        "name": "OpenAI",
        "api_pattern": "https://api\\.openai\\.com",
        "models": [
            {
                "id": "gpt-6.2-sol",
                "match": {"equals": "gpt-6.2-sol"},
                "name": "GPT-6.2 Sol",
                "prices": {"input_mtok": 3, "cache_read_mtok": 0.3, "output_mtok": 12},
            }
        ],
    }
]
ANSWERS = {
    "need": ["style"],
    "prompts_work": "yes",
    "examples": 0,
    "test_set": True,
    "requests_per_day": 1_000,
    "prompt_tokens": 500,
    "output_tokens": 200,
    "model": "gpt-6.2-sol",
}


@pytest.fixture
def server() -> Iterator[dict[str, bytes]]:
    """A loopback HTTP server answering each path with the bytes given for it."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    pages["_base"] = f"http://127.0.0.1:{httpd.server_address[1]}".encode()
    yield pages
    httpd.shutdown()


def _env(tmp_path: Path) -> dict[str, str]:
    return {"ADVISOR_DATA_DIR": str(tmp_path / "data"), "ADVISOR_CACHE_DIR": str(tmp_path / "c")}


def _monthly(tmp_path: Path, env: dict[str, str]) -> tuple[float, dict]:
    answers = write_answers(tmp_path, ANSWERS)
    result = run_cli("run", "--answers", str(answers), "--today", "2026-12-06", env=env)
    assert result.code == 0, result
    data = result.json()
    return data["costs"]["approaches"]["prompt_engineering"]["monthly_usd"], data


def test_a_fetched_file_prices_every_later_run_and_reset_goes_back(
    tmp_path: Path, server: dict[str, bytes]
) -> None:
    env = _env(tmp_path)
    bundled, data = _monthly(tmp_path, env)
    # (500 × $2 + 200 × $10)/1M a request, 30,000 a month.
    assert bundled == 90
    assert data["costs"]["prices_data"]["source"] == "bundled"
    server["/data.json"] = json.dumps(UPSTREAM).encode()
    url = server["_base"].decode() + "/data.json"
    fetched = run_cli("prices", "update", "--url", url, env=env)
    assert fetched.code == 0, fetched
    assert "stored" in fetched.out
    monthly, data = _monthly(tmp_path, env)
    assert monthly == 30_000 * (500 * 3 + 200 * 12) / 1e6
    info = data["costs"]["prices_data"]
    assert info["source"] == "fetched" and info["url"] == url and len(info["sha256"]) == 64
    used = {p["item"]: p for p in data["costs"]["prices_used"]}
    assert f"fetched from {url}" in used["GPT-6.2 Sol, input tokens"]["source"]
    reset = run_cli("prices", "update", "--reset", env=env)
    assert reset.code == 0, reset
    again, data = _monthly(tmp_path, env)
    assert again == 90 and data["costs"]["prices_data"]["source"] == "bundled"


def test_a_model_the_file_lacks_keeps_its_bundled_price(
    tmp_path: Path, server: dict[str, bytes]
) -> None:
    env = _env(tmp_path)
    answers = write_answers(tmp_path, {**ANSWERS, "model": "gpt-6.1-terra"})
    before = run_cli("run", "--answers", str(answers), "--today", "2026-12-06", env=env)
    server["/data.json"] = json.dumps(UPSTREAM).encode()
    assert run_cli("prices", "update", "--url", server["_base"].decode() + "/data.json",
                   env=env).code == 0
    after = run_cli("run", "--answers", str(answers), "--today", "2026-12-06", env=env)
    monthly = [r.json()["costs"]["approaches"]["prompt_engineering"]["monthly_usd"]
               for r in (before, after)]
    assert monthly[0] == monthly[1]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (json.dumps(UPSTREAM).encode()[:100], "not valid JSON"),
        (b'{"providers": []}', "expected genai-prices' data, a list of providers"),
        (json.dumps([{"id": "openai"}]).encode(), "genai-prices refuses it as price data"),
    ],
)
def test_a_truncated_or_invalid_file_changes_nothing(
    tmp_path: Path, server: dict[str, bytes], body: bytes, said: str
) -> None:
    env = _env(tmp_path)
    base = server["_base"].decode()
    server["/good.json"] = json.dumps(UPSTREAM).encode()
    assert run_cli("prices", "update", "--url", base + "/good.json", env=env).code == 0
    stored = (tmp_path / "data" / "prices" / "data.json").read_bytes()
    server["/bad.json"] = body
    result = run_cli("prices", "update", "--url", base + "/bad.json", env=env)
    assert result.code == 2, result
    assert said in result.err and "the stored data is unchanged" in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert (tmp_path / "data" / "prices" / "data.json").read_bytes() == stored
    monthly, data = _monthly(tmp_path, env)
    assert data["costs"]["prices_data"]["source"] == "fetched"
    assert monthly == 30_000 * (500 * 3 + 200 * 12) / 1e6  # still the good file's price


def test_an_unreachable_url_says_so(tmp_path: Path, server: dict[str, bytes]) -> None:
    env = _env(tmp_path)
    missing = run_cli("prices", "update", "--url", server["_base"].decode() + "/nothing",
                      env=env)
    assert missing.code == 2 and "the server answered 404" in missing.err
    assert not (tmp_path / "data" / "prices" / "data.json").exists()


def test_old_data_is_said_once_and_names_the_update(tmp_path: Path) -> None:
    env = _env(tmp_path)
    answers = write_answers(tmp_path, ANSWERS)
    fresh = run_cli("run", "--answers", str(answers), "--today", "2026-12-06", env=env).json()
    assert not any("prices update" in w for w in fresh["warnings"])
    old = run_cli("run", "--answers", str(answers), "--today", "2027-03-01", env=env).json()
    [said] = [w for w in old["warnings"] if "advisor prices update" in w]
    assert "The price data is from 2026-11-19 (genai-prices 0.2.5), 102 days before" in said
