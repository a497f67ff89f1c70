"""Errors a user can cause, each carrying the exit code the public contract documents.

The CLI prints `str(error)` on stderr and exits with `error.exit_code`; nothing else
about an error is shown, so the message itself must name the file, the question or field,
and what was expected versus found.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHANGED = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3


class AdvisorError(Exception):
    """Base for every error that is the user's to fix (never a bug in advisor).

    Its message names what the user gave, which may hold control characters or line
    breaks (a key, a file name): they are shown escaped (advisor.textsafe), wherever the
    message goes — a terminal, the chat, a log — and the message stays one line."""

    exit_code = EXIT_BAD_INPUT

    def __str__(self) -> str:
        from advisor.textsafe import visible

        return visible(super().__str__()).replace("\n", "\\n")


class BadInput(AdvisorError):
    """A file, argument or value that cannot be used as given."""


class FlowError(BadInput):
    """A flow file that fails to load or validate."""


class AnswerError(BadInput):
    """A value that does not fit the question it answers.

    Raised by the engine without a file name; the driver that knows the file adds it.
    """

    def __init__(self, question_id: str, expected: str, found: str) -> None:
        self.question_id = question_id
        self.expected = expected
        self.found = found
        super().__init__(f"question '{question_id}': expected {expected}, found {found}")

    def short(self) -> str:
        """The message without the question id, for a UI that already shows the question."""
        return f"expected {self.expected}, found {self.found}"


class Incomplete(AdvisorError):
    """The answers ran out before the conversation reached an outcome."""

    exit_code = EXIT_INCOMPLETE
