"""A flow as the engine runs it: the flow file read and checked against what this program
derives and the sources of choices it has (advisor.derived.VOCABULARY)."""

from __future__ import annotations

import os

from advisor.derived import VOCABULARY
from advisor.flow import loader
from advisor.flow.model import Flow


def load_flow(path: str | os.PathLike[str]) -> Flow:
    """The validated flow in `path`, or FlowError naming the file and the node."""
    return loader.load_flow(path, VOCABULARY)


def parse_flow(text: str, source: str) -> Flow:
    """Validate flow text (not cached). Every failure names `source` and the node."""
    return loader.parse_flow(text, source, VOCABULARY)
