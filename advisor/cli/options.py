"""Options shared by several commands."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any


def _day(text: str) -> date:
    from advisor.facts import day_problem

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, found {text!r}"
        ) from None
    problem = day_problem(day)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return day


def add_today(parser: Any) -> None:
    from advisor.facts import FIRST_DAY, LAST_DAY

    parser.add_argument(
        "--today",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date to give advice for: prices in effect and model lifecycle, from "
        f"{FIRST_DAY} to {LAST_DAY} (default: $ADVISOR_TODAY if set, else today's date)",
    )


def today_of(args: argparse.Namespace) -> date:
    from advisor.facts import default_today

    return args.today or default_today()
