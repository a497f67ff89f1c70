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
        "every figure with its source and date. `advisor prices update` fetches genai-prices' "
        "newest data (the only command that uses the network). Exit codes: 0 ok, 2 unknown "
        "model, or a fetch that fails (the stored data unchanged).",
    )
    parser.add_argument(
        "action",
        nargs="?",
        choices=("update",),
        help="update: fetch the newest price data, validate it and store it for every later "
        "run (--reset goes back to the data bundled with the package)",
    )
    parser.add_argument(
        "--url", metavar="URL", help="with update: where to fetch from (default: genai-prices')"
    )
    parser.add_argument(
        "--reset", action="store_true", help="with update: back to the bundled data"
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

    from advisor.errors import BadInput

    if args.action == "update":
        return _update(args)
    if args.url is not None or args.reset:
        raise BadInput("--url and --reset go with `advisor prices update`")
    from advisor.cli.output import emit
    from advisor.costs.explain.price_list import listing, listing_text, model_ids, model_ids_text
    from advisor.costs.prices.catalog import load_catalog

    if args.model is not None and not args.model.strip():
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


def _update(args: argparse.Namespace) -> int:
    """Fetch, validate and store the newest price data — or go back to the bundled data."""
    from advisor.cli.output import emit
    from advisor.costs.prices import genai_data
    from advisor.errors import BadInput

    if args.model is not None or args.models is not None:
        raise BadInput("`advisor prices update` takes --url or --reset, not --model/--models")
    if args.reset:
        if args.url is not None:
            raise BadInput("--reset goes back to the bundled data: give it no --url")
        removed = genai_data.reset()
        said = "removed the fetched price data" if removed else "no fetched price data to remove"
        emit(f"{said}; prices come from genai-prices {genai_data.package_version()} as "
             "installed.\n", None)
        return 0
    from genai_prices.update_prices import DEFAULT_UPDATE_URL

    url = args.url or DEFAULT_UPDATE_URL
    found = genai_data.update(url)
    emit(
        f"stored {found.size:,} bytes of price data from {found.url} (sha256 {found.sha256[:12]}…) "
        f"in {genai_data.folder()}; every later run prices with it, models it lacks at the "
        f"bundled prices. `advisor prices update --reset` goes back.\n",
        None,
    )
    return 0
