"""The money and lifecycle facts the cost model offers flows: names, kinds and meanings.

Kept apart from the code that computes them (`advisor.costs.flow_facts.provider`), so that
loading and checking a flow reads this list without importing the cost model.
"""

from advisor.facts import FactSpec

SPECS: tuple[FactSpec, ...] = (
    FactSpec(
        "example_tokens_estimate",
        "number",
        "tokens in one training example if it holds the short prompt and the answer",
    ),
    FactSpec(
        "ft_prompt_estimate",
        "number",
        "a fine-tuned model's prompt: a tenth of the prompt's instructions (knowledge apart)",
    ),
    FactSpec(
        "fixed_prompt_estimate",
        "number",
        "tokens of the prompt that repeat on every request, if they are what a fine-tune "
        "would remove",
    ),
    FactSpec("default_model", "text", "the model offered first: current, and lasting"),
    FactSpec(
        "example_cost_estimate",
        "usd",
        "what collecting or reviewing one training example costs: more where the need is "
        "domain knowledge",
    ),
    FactSpec(
        "ft_access_rule_applies",
        "bool",
        "the platform asked for takes only some customers today (the catalog's access rule: "
        "OpenAI's, those that ran fine-tuned inference recently)",
    ),
    FactSpec("ft_self_hosted", "bool", "the platform asked for is self-hosting on rented GPUs"),
    FactSpec("gpu_hour_estimate", "usd", "a rented GPU by the hour, from the catalog"),
    FactSpec("ft_first_year_usd", "usd", "the fine-tune's first year, every cost included"),
    FactSpec("cheaper_prompting_model", "text", "a current model that, prompted, costs less"),
    FactSpec("cheaper_prompting_first_year_usd", "usd", "that model's first year, prompted"),
    FactSpec(
        "default_ft_model",
        "text",
        "the fine-tune offered first: the model itself where it can be fine-tuned, else the "
        "open platform that costs least for these answers",
    ),
    FactSpec("model_name", "text", "the model prompted, by name"),
    FactSpec("model_in_year", "text",
             "the model prompted, and its successor from the day it shuts down in the year"),
    FactSpec("model_retired", "bool", "whether that model is shut down as of today"),
    FactSpec("model_retires_on", "text", "the day that model shuts down, if announced"),
    FactSpec("model_successor", "text", "the model suggested in its place"),
    FactSpec("today", "text", "the date the advice is for (advisor run --today)"),
    FactSpec("monthly_prompting_usd", "usd", "prompt engineering, per month"),
    FactSpec("monthly_rag_usd", "usd", "retrieval (RAG), per month"),
    FactSpec("monthly_fine_tuned_usd", "usd", "the fine-tuned model, per month"),
    FactSpec(
        "ft_monthly_savings_usd",
        "usd",
        "what fine-tuning saves a month against prompting (negative: it costs more)",
    ),
    FactSpec("ft_extra_monthly_usd", "usd", "what fine-tuning costs a month more than prompting"),
    FactSpec("ft_one_time_usd", "usd", "data, evaluation and training, all runs"),
    FactSpec(
        "ft_monthly_savings_uncached_usd",
        "usd",
        "what fine-tuning would save a month if nothing were cached",
    ),
    FactSpec(
        "ft_upkeep_monthly_usd", "usd",
        "keeping a fine-tune a month: its engineering and a month's share of its retraining",
    ),
    FactSpec(
        "ft_net_monthly_savings_usd", "usd",
        "fine-tuning's monthly saving less its upkeep and retraining",
    ),
    FactSpec(
        "ft_saving_lost_to_caching",
        "bool",
        "fine-tuning would pay for its upkeep at list prices but not once the provider "
        "caches the repeated prompt",
    ),
    FactSpec("prompt_caching", "bool", "whether any part of the prompt is billed as cached"),
    FactSpec("cached_prompt_tokens", "number", "tokens of each prompt billed as cached"),
    FactSpec("cache_hit_rate_percent", "number", "requests that read the prefix from the cache"),
    FactSpec("input_price_per_1m", "usd", "the model's input price per 1M tokens"),
    FactSpec("cached_input_price_per_1m", "usd", "its cached-input price per 1M tokens"),
    FactSpec(
        "prompt_caching_saves_usd", "usd", "what caching saves prompt engineering a month"
    ),
    FactSpec("monthly_prompting_uncached_usd", "usd", "prompt engineering, nothing cached"),
    FactSpec("batch_priced", "bool", "prompting is priced at the provider's batch tier"),
    FactSpec(
        "prices_change_in_year",
        "bool",
        "a price, a model or a platform changes during the first year: monthly figures are "
        "the year's average",
    ),
    FactSpec("training_usd_per_run", "usd", "one training run"),
    FactSpec("ft_hosting_monthly_usd", "usd", "the fine-tuned model's hosting fee per month"),
    FactSpec("break_even_months", "months", "months until fine-tuning repays its training"),
    FactSpec(
        "break_even_requests_per_day",
        "number",
        "daily volume at which fine-tuning's first year costs what prompting's does",
    ),
    FactSpec(
        "break_even_times_volume",
        "number",
        "that volume as a multiple of today's (whole times; none at no volume)",
    ),
    FactSpec(
        "ft_pays_back",
        "bool",
        "fine-tuning saves more than its upkeep, repays its training from that within a year, "
        "and before its base model retires",
    ),
    FactSpec("ft_model_name", "text", "the model to fine-tune, by name"),
    FactSpec("ft_prompted_name", "text", "that model prompted without a fine-tune, by name"),
    FactSpec("ft_provider", "text", "where it would be fine-tuned"),
    FactSpec("ft_available", "bool", "whether that model can be fine-tuned there today"),
    FactSpec("ft_unavailable_reason", "text", "why it cannot, in words"),
    FactSpec("ft_closes_on", "text", "the last day new fine-tuning jobs are taken"),
    FactSpec("ft_days_to_close", "number", "days from today until then"),
    FactSpec("ft_retires_on", "text", "the day the fine-tune stops working with its base model"),
    FactSpec("ft_days_to_retire", "number", "days from today until then"),
    FactSpec("ft_alternatives", "text", "where fine-tuning remains available"),
    FactSpec(
        "ft_priced_elsewhere",
        "bool",
        "the model prompted cannot be fine-tuned, so another is priced as the fine-tune",
    ),
    FactSpec("ft_elsewhere_reason", "text", "why, and which model is priced instead"),
    FactSpec("ft_cheaper_model", "text", "a smaller model whose fine-tune costs less"),
    FactSpec(
        "ft_target_relation",
        "choice",
        "what the model fine-tuned is to the model prompted",
        ("same_model", "same_vendor", "other_family"),
    ),
    FactSpec("ft_same_model", "bool", "the fine-tune is of the very model prompted"),
    FactSpec(
        "ft_open_weights",
        "bool",
        "the fine-tune is of an open-weight model: weights and adapter outlive any provider",
    ),
    FactSpec(
        "target_prompting_monthly_usd",
        "usd",
        "prompting the model that would be fine-tuned, per month: fine-tuning's like-for-like "
        "baseline",
    ),
    FactSpec(
        "model_switch_usd",
        "usd",
        "prompting the model prompted less prompting the model fine-tuned, a month "
        "(negative: the other model costs more)",
    ),
    FactSpec("model_switch_saves_usd", "usd", "what moving to the other model saves a month"),
    FactSpec("model_switch_costs_usd", "usd", "what moving to the other model adds a month"),
    FactSpec(
        "ft_total_savings_usd",
        "usd",
        "prompting the model prompted less the fine-tune, a month: model switch and "
        "fine-tuning together",
    ),
    FactSpec(
        "monthly_prompting_all_misses_usd",
        "usd",
        "prompt engineering a month if every request missed the cache (each writes the prefix)",
    ),
    FactSpec("collection_tokens", "number", "the knowledge collection, in tokens"),
    FactSpec(
        "knowledge_fits_prompt",
        "bool",
        "the knowledge collection is small enough to send whole in every prompt",
    ),
    FactSpec(
        "knowledge_prompt_cheaper",
        "bool",
        "with the collection in the (cached) prompt, prompting costs no more than retrieval",
    ),
    FactSpec(
        "ft_knowledge_prompt_cheaper",
        "bool",
        "a fine-tune with the collection in its prompt costs no more than one with retrieval",
    ),
    FactSpec("knowledge_in_prompt_max_tokens", "number", "the largest collection kept in a prompt"),
    FactSpec("rec_label", "text", "the recommended fine-tuned approach, in words"),
    FactSpec(
        "rec_baseline", "text", "its like-for-like baseline on the model fine-tuned, in words"
    ),
    FactSpec("rec_baseline_yours", "text", "the same baseline on the model prompted, in words"),
    FactSpec("rec_monthly_usd", "usd", "the recommended fine-tuned approach, per month"),
    FactSpec(
        "rec_baseline_monthly_usd",
        "usd",
        "its baseline on the model it fine-tunes (prompting, or retrieval), per month",
    ),
    FactSpec("rec_savings_usd", "usd", "what it saves a month against that baseline"),
    FactSpec("rec_extra_monthly_usd", "usd", "what it costs a month more than that baseline"),
    FactSpec("rec_upkeep_monthly_usd", "usd", "keeping it a month: engineering and retraining"),
    FactSpec("rec_net_savings_usd", "usd", "its monthly saving less its upkeep and retraining"),
    FactSpec("rec_one_time_usd", "usd", "its one-time cost"),
    FactSpec(
        "rec_break_even_months", "months",
        "months until its saving, after upkeep and retraining, repays its one-time cost",
    ),
    FactSpec(
        "rec_model_switch_usd",
        "usd",
        "the baseline on the model prompted less the baseline on the model fine-tuned, a month",
    ),
    FactSpec("rec_total_savings_usd", "usd", "the baseline on the model prompted less it, a month"),
    FactSpec(
        "rec_model_switch_saves_usd", "usd", "what the baseline saves a month on the other model"
    ),
    FactSpec(
        "rec_model_switch_costs_usd", "usd", "what the baseline adds a month on the other model"
    ),
    FactSpec(
        "rec_total_extra_usd",
        "usd",
        "what it costs a month more than the baseline on the model prompted (0 if less)",
    ),
    FactSpec("rec_first_year_usd", "usd", "the recommended fine-tuned approach's first year"),
    FactSpec(
        "rec_cheaper_prompting_model",
        "text",
        "a current model that, prompted, costs less in its first year than the recommendation",
    ),
    FactSpec("rec_cheaper_prompting_first_year_usd", "usd",
             "that model's first year, prompted (with retrieval, against RAG plus fine-tuning)"),
    FactSpec("rec_cheaper_prompting_how", "text",
             "that model, as its like-for-like baseline: 'prompting X' or 'retrieval with "
             "prompts on X'"),
    FactSpec("ft_cheaper_monthly_usd", "usd", "that fine-tune, per month"),
    FactSpec(
        "ft_cheaper_savings_usd", "usd", "what that fine-tune saves a month against prompting"
    ),
)
