"""A report as JSON, Markdown or plain text. Pure functions of the report dict."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

from advisor.flow import values
from advisor.flow.model import APPROACH_LABELS, Flow

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render(report: dict[str, Any], fmt: str, flow: Flow | None = None) -> str:
    """The report in `fmt` (json, markdown or text); `flow` lets answers read as words."""
    renderers: dict[str, Callable[[dict[str, Any], Flow | None], str]] = {
        "json": to_json,
        "markdown": to_markdown,
        "text": to_text,
    }
    return renderers[fmt](report, flow)


def to_json(report: dict[str, Any], flow: Flow | None = None) -> str:
    # allow_nan=False: a NaN or infinity reaching the output is a bug, never valid JSON.
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _answer_rows(report: dict[str, Any], flow: Flow | None) -> list[tuple[str, str]]:
    rows = []
    defaults = set(report.get("defaults_used", []))
    for question_id, value in report["answers"].items():
        question = flow.questions.get(question_id) if flow else None
        label = question.prompt if question else question_id
        words = values.describe(question, value) if question else str(value)
        if question_id in defaults:
            words += " (default)"
        rows.append((label, words))
    return rows


def _md(text: str) -> str:
    """User and flow text made literal in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def to_markdown(report: dict[str, Any], flow: Flow | None = None) -> str:
    rec = report["recommendation"]
    out = [f"# {_md(rec['title'])}", ""]
    approach = APPROACH_LABELS.get(rec["approach"], rec["approach"])
    out.append(f"**Approach:** {approach}  ")
    if rec["components"] != [rec["approach"]]:
        parts = ", ".join(APPROACH_LABELS.get(c, c) for c in rec["components"])
        out.append(f"**Combines:** {parts}")
    out.append("")
    out += [_md(rec["summary"]), ""]
    out += ["## Why", ""] + [f"- {_md(reason)}" for reason in rec["reasons"]] + [""]
    if report["pitfalls"]:
        out += ["## Pitfalls to avoid", ""]
        out += [f"- **{_md(p['title'])}** — {_md(p['advice'])}" for p in report["pitfalls"]]
        out.append("")
    if report["warnings"]:
        out += ["## Warnings", ""] + [f"- {_md(w)}" for w in report["warnings"]] + [""]
    out += ["## Your answers", "", "| Question | Answer |", "|---|---|"]
    out += [f"| {_md(q)} | {_md(a)} |" for q, a in _answer_rows(report, flow)]
    if report["unused_answers"]:
        unused = ", ".join(f"`{u}`" for u in report["unused_answers"])
        out += ["", f"Answers not used on this path: {unused}"]
    info = report["flow"]
    out += ["", f"_Flow: {_md(info['title'])} ({info['id']} {info['version']})_", ""]
    return "\n".join(out)


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(
        text, width=88, initial_indent=first or indent, subsequent_indent=indent
    ) or [first.rstrip()]


def to_text(report: dict[str, Any], flow: Flow | None = None) -> str:
    rec = report["recommendation"]
    approach = APPROACH_LABELS.get(rec["approach"], rec["approach"])
    out = [rec["title"], "=" * min(len(rec["title"]), 88), f"Approach: {approach}", ""]
    out += [*_wrap(rec["summary"]), "", "Why:"]
    for reason in rec["reasons"]:
        out += _wrap(reason, "    ", "  - ")
    if report["pitfalls"]:
        out += ["", "Pitfalls to avoid:"]
        for p in report["pitfalls"]:
            out += _wrap(f"{p['title']}: {p['advice']}", "    ", "  - ")
    if report["warnings"]:
        out += ["", "Warnings:"]
        for warning in report["warnings"]:
            out += _wrap(warning, "    ", "  ! ")
    out += ["", "Your answers:"]
    for question, answer in _answer_rows(report, flow):
        out += _wrap(f"{question} {answer}", "    ", "  - ")
    if report["unused_answers"]:
        out += ["", "Not used on this path: " + ", ".join(report["unused_answers"])]
    return "\n".join(out) + "\n"
