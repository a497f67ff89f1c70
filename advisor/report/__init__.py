"""The result of a finished conversation, and its renderings."""

from advisor.report.build import build_report
from advisor.report.render import render

__all__ = ["build_report", "render"]
