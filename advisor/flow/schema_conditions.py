"""The flow file's value types and conditions, as pydantic models: ids, prose, numbers and
scalars as a flow may write them, and the `when` conditions routes, reactions and summary
parts share. The nodes that use them are in `advisor.flow.schema`.

Discriminator tags are written `<name>` so that error locations can drop them.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    StrictBool,
    StrictStr,
    Tag,
    model_validator,
)

from advisor.flow import conditions as cond


def prose(text: str) -> str:
    """Flow texts are wrapped for the file; paragraphs are split by blank lines."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ChoiceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.:-]*$", max_length=64)]
Prose = Annotated[str, AfterValidator(prose)]
Text = Annotated[Prose, Field(min_length=1)]


def _finite(value: Any) -> int | float:
    """A flow's numbers are finite: NaN compares false with everything (a bound of nan
    accepts any answer, a condition `lt = nan` never holds) and infinity bounds nothing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, found {_shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected a finite number, found {value!r}")
    return value


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a table" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _scalar(value: Any) -> bool | int | float | str:
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return _finite(value)
    raise ValueError(f"expected text, a number or true/false, found {_shown(value)}")


def _scalar_or_texts(value: Any) -> bool | int | float | str | list[str]:
    """`eq` and `ne`: a value, or the exact list of choices a multi-choice answer holds."""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return value
        raise ValueError("expected a list of choice ids (texts)")
    return _scalar(value)


Number = Annotated[int | float, PlainValidator(_finite)]
Scalar = Annotated[bool | int | float | str, PlainValidator(_scalar)]
ScalarOrTexts = Annotated[bool | int | float | str | list[str], PlainValidator(_scalar_or_texts)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CompareIn(_Strict):
    fact: Id
    eq: ScalarOrTexts | None = None
    ne: ScalarOrTexts | None = None
    lt: Number | None = None
    le: Number | None = None
    gt: Number | None = None
    ge: Number | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Scalar] | None = Field(default=None, min_length=1)
    contains: StrictStr | None = None
    contains_any: list[StrictStr] | None = Field(default=None, min_length=1)
    contains_all: list[StrictStr] | None = Field(default=None, min_length=1)
    only: list[StrictStr] | None = Field(default=None, min_length=1)
    exists: StrictBool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> CompareIn:
        used = [op for op in cond.OPERATORS if self._value(op) is not None]
        if len(used) != 1:
            names = ", ".join(cond.OPERATORS)
            found = "none" if not used else ", ".join(used)
            raise ValueError(f"a comparison needs exactly one operator ({names}); found {found}")
        return self

    def _value(self, op: str) -> Any:
        return getattr(self, "in_" if op == "in" else op)

    def to_domain(self) -> cond.Compare:
        op = next(op for op in cond.OPERATORS if self._value(op) is not None)
        value = self._value(op)
        return cond.Compare(self.fact, op, tuple(value) if isinstance(value, list) else value)


class AllIn(_Strict):
    all: list[ConditionIn] = Field(min_length=1)

    def to_domain(self) -> cond.All:
        return cond.All(tuple(item.to_domain() for item in self.all))


class AnyIn(_Strict):
    any: list[ConditionIn] = Field(min_length=1)

    def to_domain(self) -> cond.Any_:
        return cond.Any_(tuple(item.to_domain() for item in self.any))


class NotIn(_Strict):
    not_: ConditionIn = Field(alias="not")

    def to_domain(self) -> cond.Not:
        return cond.Not(self.not_.to_domain())


def _condition_tag(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return None
    for key in ("all", "any", "not"):
        if key in raw:
            return f"<{key}>"
    return "<compare>"


ConditionIn = Annotated[
    Annotated[CompareIn, Tag("<compare>")]
    | Annotated[AllIn, Tag("<all>")]
    | Annotated[AnyIn, Tag("<any>")]
    | Annotated[NotIn, Tag("<not>")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message=(
            "a condition is a table: {fact = …, <operator> = …}, {all = […]}, "
            "{any = […]} or {not = {…}}"
        ),
    ),
]


def _when(raw: ConditionIn | None) -> cond.Condition | None:
    return None if raw is None else raw.to_domain()
