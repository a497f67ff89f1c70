"""From the counts to answers of the default flow, each with how it was measured.

Only what logs hold is answered: volume, prompt and answer lengths, the cached part of the
prompt, the model, batch. A figure the logs cannot give (no times, no cache counts, a
model nobody knows, traffic partly batched) is left for the person, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.measure.model_ids import given_id, known_id
from advisor.measure.tally import OTHERS, Tally, mean, percentile
from advisor.measure.times import DAY, clock_text, day_of, day_text

Value = int | float | bool | str
MEAN_GAP = 1.2  # a mean this far above the median is worth saying


@dataclass(frozen=True)
class Answer:
    question: str
    value: Value
    how: str


@dataclass(frozen=True)
class Measured:
    answers: list[Answer]
    not_measured: list[tuple[str, str]]  # (question, why not)


def measured(tally: Tally, model: str | None = None) -> Measured:
    """The answers the counts support; `model` is --model (it overrides the logs)."""
    answers: list[Answer] = []
    missing: list[tuple[str, str]] = []
    for question, work in (
        ("requests_per_day", _requests_per_day),
        ("prompt_tokens", _prompt_tokens),
        ("fixed_prompt_tokens", _fixed_prompt_tokens),
        ("output_tokens", _output_tokens),
        ("batch", _batch),
        ("model", lambda t, a: _model(t, model)),
    ):
        found = work(tally, answers)
        if isinstance(found, str):
            missing.append((question, found))
        else:
            value, how = found
            answers.append(Answer(question, value, how))
    return Measured(answers, missing)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _requests_per_day(tally: Tally, _: list[Answer]) -> tuple[Value, str] | str:
    if not tally.timed or tally.first is None or tally.last is None:
        return "no request in the logs carries a time"
    first, last = day_of(tally.first), day_of(tally.last)
    days = last - first + 1
    rate = tally.timed / days
    peak_day, peak = max(tally.days.items(), key=lambda item: (item[1], -item[0]))
    how = (
        f"{_plural(tally.timed, 'request')} over {_plural(days, 'day')}, {day_text(first)} "
        f"to {day_text(last)} (UTC); the busiest day, {day_text(peak_day)}, had {peak:,}"
    )
    covered = (tally.last - tally.first) / DAY / days
    if days == 1:
        how += (
            f"; the logs cover one day only, {clock_text(tally.first)} to "
            f"{clock_text(tally.last)} UTC"
        )
    elif covered < 0.9:
        how += (
            f"; the first and last days are covered only from {clock_text(tally.first)} and "
            f"to {clock_text(tally.last)} UTC, so the figure may be low"
        )
    if tally.undated:
        how += f"; {_plural(tally.undated, 'request')} without a time are not in it"
    return (round(rate) if rate >= 10 else round(rate, 1)), how


def _lengths(tally: Tally, what: str, inputs: bool) -> tuple[int, str]:
    counts = tally.inputs if inputs else tally.outputs
    middle, high, average = percentile(counts, 0.5), percentile(counts, 0.9), mean(counts)
    how = (
        f"the median {what} of {_plural(tally.requests, 'request')}; 90th percentile "
        f"{high:,}, mean {average:,.0f}"
    )
    if average > MEAN_GAP * max(middle, 1):
        how += (
            f"; the bill follows the mean, {average / max(middle, 1) - 1:.0%} above the median"
        )
    return middle, how


def _prompt_tokens(tally: Tally, _: list[Answer]) -> tuple[Value, str]:
    middle, how = _lengths(tally, "prompt (cached part included)", inputs=True)
    return max(middle, 1), how


def _output_tokens(tally: Tally, _: list[Answer]) -> tuple[Value, str]:
    return _lengths(tally, "answer", inputs=False)


def _fixed_prompt_tokens(tally: Tally, answers: list[Answer]) -> tuple[Value, str] | str:
    if not tally.cache_reported:
        return "no log line reports cached tokens, so the repeated part of the prompt is unknown"
    if not tally.cached:
        return (
            "every line reports 0 cached tokens: the repeated part of the prompt is shorter "
            "than the provider caches (1,024 tokens at OpenAI), or caching is off (Anthropic "
            "caches only what a request marks)"
        )
    used = sum(tally.cached.values())
    middle, high = percentile(tally.cached, 0.5), percentile(tally.cached, 0.9)
    prompt = next(a.value for a in answers if a.question == "prompt_tokens")
    assert isinstance(prompt, int)
    how = (
        f"the prompt prefix read from or written to the provider's cache: median {middle:,} "
        f"tokens over the {_plural(used, 'request')} that used the cache "
        f"({used / tally.cache_reported:.0%} of the {tally.cache_reported:,} that report it); "
        f"90th percentile {high:,}; providers cache whole blocks (OpenAI: 1,024 tokens, then "
        "steps of 128), so the repeated part may be a little longer"
    )
    if middle > prompt:
        how += (
            f"; capped at prompt_tokens ({prompt:,}): the requests that hit the cache are "
            "the long ones"
        )
    return min(middle, prompt), how


def _batch(tally: Tally, _: list[Answer]) -> tuple[Value, str] | str:
    if tally.batch == tally.requests:
        return True, (
            f"all {_plural(tally.requests, 'request')} went through a batch API "
            "(OpenAI Batch output, Anthropic Message Batches or a batch tier)"
        )
    if tally.batch:
        return (
            f"{tally.batch / tally.requests:.0%} of the requests went through a batch API and "
            "the rest did not; batch is one answer for all traffic, so it is yours to give"
        )
    return "no line marks a batch request; whether answers can wait a day is yours to say"


def _model(tally: Tally, given: str | None) -> tuple[Value, str] | str:
    named = [(model, count) for model, count in tally.models.most_common() if model]
    shares = "; ".join(
        f"'{model}' on {count / tally.requests:.0%}" for model, count in named[:4]
    ) or "no model named"
    if given is not None:
        return given_id(given), f"given with --model; the logs: {shares}"
    if not named:
        return "no log line names the model" if OTHERS not in tally.models else (
            "the logs name more models than advisor counts apart; pass --model"
        )
    logged, count = named[0]
    found = known_id(logged, tally.providers.get(logged))
    if found is None:
        return (
            f"the logs name '{logged}', which neither advisor nor genai-prices knows (a "
            "deployment's own name?): answer it yourself, or pass --model"
        )
    share = count / tally.requests
    how = f"'{logged}' on {share:.0%} of requests ({count:,} of {tally.requests:,})"
    if found != logged:
        how += f", which is {found}"
    if len(named) > 1:
        how += "; also " + ", ".join(
            f"'{model}' ({n / tally.requests:.0%})" for model, n in named[1:4]
        )
    return found, how
