"""The conversation engine: a session over a flow, shared by every driver."""

from advisor.engine.drive import run_answers
from advisor.engine.session import Session, Step

__all__ = ["Session", "Step", "run_answers"]
