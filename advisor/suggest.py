"""'Did you mean …?' for ids a user typed: questions, choices, flows, models."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates most like `word`, best first; case is ignored."""
    import difflib  # only when something was mistyped

    pool = list(candidates)
    by_lower = {c.lower(): c for c in pool}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=0.5)
    return [by_lower[f] for f in found]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or '' when nothing is close."""
    found = closest(word, candidates)
    if not found:
        return ""
    return " (did you mean " + " or ".join(f"'{f}'" for f in found) + "?)"
