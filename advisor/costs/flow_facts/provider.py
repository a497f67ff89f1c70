"""Money and lifecycle as facts the flow can route on and quote.

The flow only names these facts (`{ft_monthly_savings_usd}` in a reason, a route `when`
`ft_monthly_savings_usd > 0`); this provider computes them from the answers with the same
estimate the report's costs table shows. Importing this module is cheap: the catalog and
prices are read only once the answers reach the model question.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.costs.flow_facts.lazy import LaterFacts
from advisor.costs.flow_facts.money import money_facts, recommended_facts
from advisor.costs.flow_facts.specs import SPECS
from advisor.facts import Context


def _requested_platform(facts: Mapping[str, Any], catalog: Any) -> Any:
    """The platform the answers so far ask to fine-tune on, if any (no pricing needed)."""
    choice = facts.get("ft_model")
    named = facts.get("model") if choice in (None, "same") else choice
    if not isinstance(named, str) or named == "custom":
        return None
    found = _PLATFORMS.get(named)
    if found is None or found[0] is not catalog:  # kept per catalog: asked on every answer
        from advisor.costs.estimate import platforms
        from advisor.costs.prices import model_lookup
        from advisor.errors import BadInput

        try:
            platform = platforms.platform_for(model_lookup.model_for(named, catalog), catalog)
        except BadInput:
            platform = None
        if len(_PLATFORMS) > 4096:
            _PLATFORMS.clear()
        found = _PLATFORMS[named] = (catalog, platform)
    return found[1]


_PLATFORMS: dict[str, tuple[Any, Any]] = {}


class CostFacts:
    specs = SPECS

    def compute(self, facts: Mapping[str, Any], context: Context) -> Mapping[str, Any]:
        from advisor.costs.estimate import of_answers as est
        from advisor.costs.prices.catalog import load_catalog

        today = context.today

        def plain() -> dict[str, Any]:
            a = load_catalog().assumptions
            need = facts.get("need")
            expert = isinstance(need, list) and "domain" in need
            return {
                "today": f"{today.isoformat()}",
                "example_cost_estimate": float(
                    a.expert_example_cost_usd if expert else a.example_cost_usd
                ),
                "knowledge_in_prompt_max_tokens": a.knowledge_in_prompt_max_tokens,
                "gpu_hour_estimate": float(a.gpu_hour_usd),
                **_prompt_estimates(facts, a),
            }

        def default() -> dict[str, Any]:
            from advisor.costs.prices.model_lookup import default_model

            found = default_model(load_catalog(), today)
            return {} if found is None else {"default_model": found}

        def models() -> dict[str, Any]:
            from advisor.costs.prices import lifecycle

            catalog = load_catalog()
            out: dict[str, Any] = {}
            requested = _requested_platform(facts, catalog)
            own = _requested_platform({**facts, "ft_model": None}, catalog)
            out["ft_access_rule_applies"] = any(
                lifecycle.access_rule_applies(p, today) for p in (requested, own)
            )
            ft = requested.fine_tuning if requested is not None else None
            out["ft_self_hosted"] = ft is not None and ft.serving == "self_hosted"
            return out

        if not est.ready(facts):
            return LaterFacts(plain, default, models, None)
        approach = facts.get("approach")

        def money(late: bool) -> dict[str, Any]:
            p = est.priced(facts, today)
            found = p.kept(("money_facts", late), lambda e: money_facts(e, late))
            if not isinstance(approach, str):
                return found
            return {**found, **recommended_facts(p.estimate, approach, late)}

        return LaterFacts(plain, default, models, money)


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _prompt_estimates(facts: Mapping[str, Any], a: Any) -> dict[str, Any]:
    """Defaults the flow offers for the prompt's parts, from the answers so far."""
    from advisor.costs.estimate.arithmetic import share_of

    prompt = _whole(facts.get("prompt_tokens"))
    if prompt is None or prompt <= 0:
        return {}
    pasted = 0
    if facts.get("knowledge_plan") == "prompt":
        pasted = _whole(facts.get("knowledge_tokens")) or 0
        pasted = min(pasted, prompt)
    short = _whole(facts.get("ft_prompt_tokens")) or share_of(
        max(prompt - pasted, 1), a.ft_prompt_share
    )
    output = _whole(facts.get("output_tokens"))
    documents = _whole(facts.get("documents_tokens"))
    need = facts.get("need")
    added = 0
    if not pasted and isinstance(need, list) and "knowledge" in need and documents is not None:
        added = documents if documents <= a.knowledge_in_prompt_max_tokens else 0
    return {
        "ft_prompt_estimate": share_of(max(prompt - pasted, 1), a.ft_prompt_share),
        "example_tokens_estimate": short
        + pasted
        + added
        + (a.output_tokens if output is None else output),
        "fixed_prompt_estimate": max(prompt - short, 0),
    }


PROVIDER = CostFacts()
