"""Which answer panel asks a question: one per kind, and a filtered list for a choice
whose choices come from data (thousands of models)."""

from __future__ import annotations

from datetime import date

from advisor.flow.model import Question, Value
from advisor.tui.widgets.answers import (
    AnswerPanel,
    ChoiceAnswer,
    MultiChoiceAnswer,
    NumberAnswer,
    TextAnswer,
    YesNoAnswer,
)
from advisor.tui.widgets.filtered_choice import FilteredChoiceAnswer

PANELS: dict[str, type[AnswerPanel]] = {
    "choice": ChoiceAnswer,
    "multi_choice": MultiChoiceAnswer,
    "yes_no": YesNoAnswer,
    "number": NumberAnswer,
    "text": TextAnswer,
}


def panel_for(
    question: Question, suggested: Value | None, default: Value | None, today: date
) -> AnswerPanel:
    if question.kind == "choice" and question.choices_from:
        return FilteredChoiceAnswer(question, suggested, default, today)
    return PANELS[question.kind](question, suggested, default)
