"""`advisor prices`: the price catalog, with sources and dates."""

from __future__ import annotations

import argparse
from typing import Any

from advisor.cli.options import add_today, today_of


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "prices",
        help="show the price catalog with sources and dates",
        description="Show the models advisor can price: inference, training and hosting "
        "prices, where each can be fine-tuned and until when, and when it shuts down — "
        "every figure with its source and date. Exit codes: 0 ok, 2 unknown model.",
    )
    parser.add_argument(
        "--model", metavar="ID", help="show one model: a catalog id, or any genai-prices model"
    )
    parser.add_argument(
        "--models",
        nargs="?",
        const="",
        metavar="SEARCH",
        help="list every model id the model question takes on that day (current ones "
        "first), or those whose id or name contains SEARCH",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    add_today(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    import json

    from advisor.cli.output import emit
    from advisor.costs.catalog import load_catalog
    from advisor.costs.listing import listing, listing_text, model_ids, model_ids_text

    if args.model is not None and not args.model.strip():
        from advisor.errors import BadInput

        raise BadInput(f"--model: expected a model id (`advisor prices --models` lists them), "
                       f"found {args.model!r}")
    if args.models is not None:
        ids = model_ids(load_catalog(), today_of(args), args.models)
        if args.format == "json":
            emit(json.dumps(ids, indent=2, ensure_ascii=False) + "\n", None)
        else:
            emit(model_ids_text(ids), None)
        return 0
    found = listing(load_catalog(), today_of(args), args.model)
    if args.format == "json":
        text = json.dumps(found, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    else:
        text = listing_text(found)
    emit(text, None)
    return 0
