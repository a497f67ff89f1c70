"""Every bad input to `advisor run` ends with one clear message and the documented code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_answers
from tests.test_default_flow import STYLE_AT_SCALE


def refused(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.code == code, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def run_with(tmp_path: Path, content: str, name: str = "answers.json"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return run_cli("run", "--answers", str(path))


def test_missing_file(tmp_path: Path) -> None:
    message = refused(run_cli("run", "--answers", str(tmp_path / "nope.toml")))
    assert message == f"advisor: {tmp_path / 'nope.toml'}: no such file"


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    message = refused(run_with(tmp_path, '{"need": ["style",\n  "examples": 3}'))
    assert "not valid JSON" in message and "line 2" in message


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    message = refused(run_with(tmp_path, 'need = ["style"\nexamples = 3\n', "a.toml"))
    assert "a.toml: not valid TOML" in message and "line" in message


def test_not_an_object(tmp_path: Path) -> None:
    message = refused(run_with(tmp_path, "[1, 2]"))
    assert "expected an object mapping question ids to answers, found a list" in message


def test_an_id_that_is_no_question_suggests_the_closest(tmp_path: Path) -> None:
    path = write_answers(tmp_path, {**STYLE_AT_SCALE, "requests_per_dya": 3})
    message = refused(run_cli("run", "--answers", str(path)))
    assert "'requests_per_dya' is no question of flow 'ai_strategy'" in message
    assert "did you mean 'requests_per_day'" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("examples", "lots", "expected an integer from 0 to 100,000,000, found 'lots'"),
        ("examples", -5, "found -5"),
        ("examples", 12.5, "found 12.5"),
        ("examples", True, "found true"),
        ("requests_per_day", 2_000_000_000, "found 2000000000"),
        ("prompts_work", "maybe", "expected one of 'yes', 'partly', 'no', 'not_tried'"),
        ("need", [], "expected one or more of"),
        ("test_set", "sometimes", "expected yes or no"),
        ("use_case", "x" * 501, "found 501 characters"),
    ],
)
def test_wrong_types_and_out_of_range_values(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    path = write_answers(tmp_path, {**STYLE_AT_SCALE, field: value})
    message = refused(run_cli("run", "--answers", str(path)))
    assert f"question '{field}'" in message and expected in message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_json_are_refused(tmp_path: Path, literal: str) -> None:
    text = json.dumps(STYLE_AT_SCALE).replace(
        '"requests_per_day": 20000', f'"requests_per_day": {literal}'
    )
    message = refused(run_with(tmp_path, text))
    assert message.endswith(  # the question is named, as for TOML's nan and inf
        "question 'requests_per_day': expected a number from 0 to 1,000,000,000, "
        f"found {literal}"
    )


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf"])
def test_nan_and_infinity_in_toml_are_refused(tmp_path: Path, literal: str) -> None:
    text = f'need = ["style"]\nrequests_per_day = {literal}\n'
    message = refused(run_with(tmp_path, text, "a.toml"))
    assert "question 'requests_per_day'" in message and f"found {literal}" in message


def test_duplicate_keys_in_json_are_refused(tmp_path: Path) -> None:
    message = refused(run_with(tmp_path, '{"examples": 1, "examples": 2}'))
    assert "'examples' is given twice" in message


def test_a_file_over_one_megabyte_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.truncate(1024 * 1024 * 1024)  # 1 GB, sparse
    message = refused(run_cli("run", "--answers", str(path)))
    assert message.endswith("the file is 1.0 GB; answers files are limited to 1.0 MB")


def test_binary_garbage_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"need = \xff\xfe\n")
    message = refused(run_cli("run", "--answers", str(path)))
    assert "not UTF-8 text (byte 0xff at offset 7)" in message


def test_incomplete_answers_exit_3_naming_the_question(tmp_path: Path) -> None:
    path = write_answers(tmp_path, {"need": ["style"], "prompts_work": "no"})
    message = refused(run_cli("run", "--answers", str(path)), code=3)
    assert "incomplete" in message
    assert "question 'examples'" in message and "expects an integer from 0" in message


def test_answers_from_stdin_in_either_format(tmp_path: Path) -> None:
    as_json = run_cli("run", "--answers", "-", stdin=json.dumps(STYLE_AT_SCALE))
    as_toml = run_cli(
        "run",
        "--answers",
        "-",
        stdin='need = ["style"]\nprompts_work = "not_tried"\n'
        "test_set = true\nrequests_per_day = 10\n",
    )
    assert as_json.code == 0 and as_json.json()["recommendation"]["approach"] == "fine_tuning"
    assert as_toml.code == 0, as_toml
    assert as_toml.json()["recommendation"]["approach"] == "prompt_engineering"


def test_unknown_flow_lists_the_shipped_ones(tmp_path: Path) -> None:
    path = write_answers(tmp_path, STYLE_AT_SCALE)
    message = refused(run_cli("run", "--answers", str(path), "--flow", "ai_strategyy"))
    assert "no shipped flow is called 'ai_strategyy' (did you mean 'ai_strategy'?)" in message


def test_a_broken_flow_file_is_bad_input(tmp_path: Path) -> None:
    flow = tmp_path / "mine.toml"
    flow.write_text('id = "x"\ntitle = "t"\nversion = "1"\nquestions = []\noutcomes = []\n')
    message = refused(
        run_cli("run", "--answers", str(write_answers(tmp_path, {})), "--flow", str(flow))
    )
    assert "mine.toml: flow: questions: expected a list of at least 1 item, found 0" in message


def test_output_is_written_atomically_and_an_unwritable_folder_is_reported(tmp_path: Path) -> None:
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    target = tmp_path / "report.md"
    target.write_text("my earlier report\n")
    ok = run_cli("run", "--answers", answers, "--format", "markdown", "--output", str(target))
    assert ok.code == 0 and ok.out == ""
    assert target.read_text().startswith("# Fine-tune a model")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    missing = tmp_path / "no" / "such" / "folder" / "r.json"
    message = refused(run_cli("run", "--answers", answers, "--output", str(missing)))
    assert "does not exist" in message


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_cli("run")
    assert result.code == 2 and "--answers" in result.err and "Traceback" not in result.err
    result = run_cli("run", "--answers", "x", "--format", "pdf")
    assert result.code == 2 and "invalid choice: 'pdf'" in result.err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "--answers", "a.json", "--today", "2026-13-01"],
         "advisor: argument --today: expected a date as YYYY-MM-DD, found '2026-13-01' "
         "(see `advisor run --help`)"),
        (["run", "--answers", "a.json", "--format", "xml"],
         "advisor: argument --format: invalid choice: 'xml' (choose from 'json', "
         "'markdown', 'text') (see `advisor run --help`)"),
        (["prices", "--today", "soon"],
         "advisor: argument --today: expected a date as YYYY-MM-DD, found 'soon' "
         "(see `advisor prices --help`)"),
        (["run"], "advisor: the following arguments are required: --answers "
                  "(see `advisor run --help`)"),
        (["flows"], "advisor: the following arguments are required: ACTION "
                    "(see `advisor flows --help`)"),
    ],
)
def test_a_bad_argument_is_one_line_like_every_other_error(
    args: list[str], expected: str
) -> None:
    """Not argparse's usage block: the same one line as any other mistake."""
    result = run_cli(*args)
    assert (result.code, result.out, result.err) == (2, "", expected + "\n")


def _replaces(name: str) -> str:
    return (f"that is {name}, which this command reads; writing there would replace it — "
            "give another path")


@pytest.mark.parametrize("option", ["--output", "--save-transcript"])
@pytest.mark.parametrize("spelling", ["same", "dotted", "link"])
def test_an_output_onto_the_answers_file_is_refused_and_the_answers_kept(
    tmp_path: Path, option: str, spelling: str
) -> None:
    """`advisor run --answers a.json --output a.json` replaced the answers with the
    report, silently."""
    answers = write_answers(tmp_path, STYLE_AT_SCALE, "a.json")
    before = answers.read_bytes()
    target = {"same": str(answers), "dotted": f"{tmp_path}/./a.json",
              "link": str(tmp_path / "link.json")}[spelling]
    (tmp_path / "link.json").symlink_to(answers)
    message = refused(run_cli("run", "--answers", str(answers), option, target))
    assert message == f"advisor: {option} {target}: {_replaces('the answers file (--answers)')}"
    assert answers.read_bytes() == before


def test_a_transcript_onto_the_report_is_refused(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, STYLE_AT_SCALE)
    report = tmp_path / "out.json"
    message = refused(run_cli("run", "--answers", str(answers), "--output", str(report),
                              "--save-transcript", str(report)))
    assert message == (f"advisor: --save-transcript {report}: that is where --output writes "
                       "the report; give the transcript another path")
    assert not report.exists()


def test_replay_and_graph_outputs_onto_their_inputs_are_refused(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    folder = tmp_path / "sessions"
    folder.mkdir()
    transcript = folder / "one.json"
    transcript.write_bytes((ROOT / "tests" / "transcripts" / "hybrid.json").read_bytes())
    before = transcript.read_bytes()
    for paths in ([str(transcript)], [str(folder)]):
        result = run_cli("replay", *paths, "--output", str(transcript))
        assert (result.code, result.out) == (2, "")
        assert result.err == (f"advisor: --output {transcript}: "
                              f"{_replaces('a transcript to replay')}\n")
    assert transcript.read_bytes() == before
    flow = tmp_path / "flow.toml"
    flow.write_bytes((ROOT / "flows" / "quick_check.toml").read_bytes())
    result = run_cli("flows", "graph", str(flow), "--output", str(flow))
    assert (result.code, result.err) == (2, f"advisor: --output {flow}: "
                                            f"{_replaces('the flow file')}\n")
    assert flow.read_bytes() == (ROOT / "flows" / "quick_check.toml").read_bytes()


def test_the_readmes_example_messages_are_the_real_ones(tmp_path: Path) -> None:
    """The README's did-you-mean example differed from the message advisor gives."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("found — never a traceback:\n", 1)[1]
    shown = block.split("```", 2)[1].strip().splitlines()
    inputs = ['examples = -5\n', 'requests_per_dya = 20000\n',
              'need = ["style"]\nprompts_work = "yes"\n']
    real = []
    for text in inputs:
        (tmp_path / "my.toml").write_text(text, encoding="utf-8")
        real.append(refused(run_cli("run", "--answers", "my.toml", cwd=tmp_path),
                            3 if "need" in text else 2))
    assert shown == real
