"""The chat: a Textual front end driving the same Session as the headless commands.

Only this package imports Textual; `advisor chat` imports it inside its handler.
"""

from advisor.tui.app import AdvisorApp, run_chat

__all__ = ["AdvisorApp", "run_chat"]
