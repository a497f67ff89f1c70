"""`advisor flows …`: the shipped flows."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser("flows", help="list the shipped flows")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the shipped flows")
    listing.set_defaults(handler=handle_list)


def handle_list(args: argparse.Namespace) -> int:
    from advisor.flow.library import shipped
    from advisor.flow.loader import load_flow

    rows = []
    for flow_id, path in shipped().items():
        flow = load_flow(path)
        rows.append((flow_id, flow.version, f"{len(flow.questions)} questions", flow.title))
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else [0, 0, 0]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
              + "  " + row[3])
    return 0
