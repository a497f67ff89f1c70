"""When the cost facts are worked out: by group, as a condition, a default, a text or the
report first reads one (advisor.costs.flow_facts.provider says how each is worked out)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

# The facts worked out from the answers and the catalog alone, before any pricing, in the
# order `compute` has always given them: the defaults the flow offers, and the platform
# asked for. Those that look models up are kept apart from the rest (PLAIN): the model
# offered first (DEFAULT, which reads genai-prices' index of models) from the platform asked
# for (MODELS, the catalog's rows alone).
CHEAP_ORDER = (
    "today", "default_model", "example_cost_estimate", "knowledge_in_prompt_max_tokens",
    "ft_access_rule_applies", "ft_self_hosted", "gpu_hour_estimate", "ft_prompt_estimate",
    "example_tokens_estimate", "fixed_prompt_estimate",
)
DEFAULT = frozenset({"default_model"})
MODELS = frozenset({"ft_access_rule_applies", "ft_self_hosted"})
PLAIN = frozenset(CHEAP_ORDER) - MODELS - DEFAULT
# The facts that need a search of their own (the break-even volume, every current model
# prompted): worked out only when one of them is read, not for every other money fact.
LATE = frozenset({
    "break_even_requests_per_day", "break_even_times_volume", "cheaper_prompting_model",
    "cheaper_prompting_first_year_usd", "rec_cheaper_prompting_model", "rec_cheaper_prompting_how",
    "rec_cheaper_prompting_first_year_usd",
})


class LaterFacts(Mapping[str, Any]):
    """The cost facts, each group worked out when a fact of it is first read: a default
    taken from the answers looks no model up, a route that reads an answer-only fact never
    prices anything, and a decision that reads the monthly saving never searches for the
    break-even volume. `money(late)` gives the estimate's facts (None: the answers do not
    reach a price yet), the LATE ones too when `late`; iterated, the facts come in the
    order `compute` has always given them."""

    __slots__ = ("_all", "_groups", "_made", "_money")

    def __init__(
        self,
        plain: Callable[[], dict[str, Any]],
        default: Callable[[], dict[str, Any]],
        models: Callable[[], dict[str, Any]],
        money: Callable[[bool], dict[str, Any]] | None,
    ) -> None:
        self._groups = {"plain": plain, "default": default, "models": models}
        self._money = money
        self._made: dict[str, dict[str, Any]] = {}
        self._all: dict[str, Any] | None = None

    def _group(self, name: str) -> dict[str, Any]:
        found = self._made.get(name)
        if found is None:
            if name in ("early", "late"):
                assert self._money is not None
                found = self._money(name == "late")
            else:
                found = self._groups[name]()
            self._made[name] = found
        return found

    def _everything(self) -> dict[str, Any]:
        if self._all is None:
            cheap = {**self._group("plain"), **self._group("default"), **self._group("models")}
            out = {name: cheap[name] for name in CHEAP_ORDER if name in cheap}
            if self._money is not None:
                out.update(self._group("late"))
            self._all = out
        return self._all

    def __getitem__(self, name: str) -> Any:
        if self._all is not None:
            return self._all[name]
        if name in PLAIN:
            return self._group("plain")[name]
        if name in MODELS:
            return self._group("models")[name]
        if name in DEFAULT:
            return self._group("default")[name]
        if self._money is None:
            raise KeyError(name)
        if name in LATE:
            return self._group("late")[name]
        return self._group("early")[name]

    def __contains__(self, name: object) -> bool:
        try:
            self[name]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())
