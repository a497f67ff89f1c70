"""Which answer panel asks a question: one per kind, and a filtered list for a choice
whose choices come from data (thousands of models).

A kind's widgets are imported when it is first asked: the first question is text, and
the lists and their widgets load after the chat is up.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module

from advisor.flow.model import Question, Value
from advisor.tui.widgets.answers import AnswerPanel

# question kind → (module in advisor.tui.widgets, panel class)
PANELS: dict[str, tuple[str, str]] = {
    "choice": ("choices", "ChoiceAnswer"),
    "multi_choice": ("choices", "MultiChoiceAnswer"),
    "yes_no": ("choices", "YesNoAnswer"),
    "number": ("fields", "NumberAnswer"),
    "text": ("fields", "TextAnswer"),
}
FILTERED = ("filtered_choice", "FilteredChoiceAnswer")  # a choice with `choices_from`


def panel_for(
    question: Question,
    suggested: Value | None,
    default: Value | None,
    today: date,
    typed: str | None = None,
    offered_as: str | None = None,
) -> AnswerPanel:
    """The panel for a question; `typed` is text typed into its field before (resuming),
    `today` dates the choices a data source offers, `offered_as` marks a suggestion that
    comes from an answers file ("measured", "from FILE")."""
    if question.kind == "choice" and question.choices_from:
        module, name = FILTERED
        filtered = getattr(import_module(f"advisor.tui.widgets.{module}"), name)
        panel: AnswerPanel = filtered(question, suggested, default, today, typed)
    else:
        module, name = PANELS[question.kind]
        kind: type[AnswerPanel] = getattr(import_module(f"advisor.tui.widgets.{module}"), name)
        panel = kind(question, suggested, default, typed)
    if offered_as is not None:
        panel.offered_from(offered_as)
    return panel
