"""`advisor flows …`: list, check, draw and cover flows."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from typing import Any

from advisor.cli.options import add_today, today_of
from advisor.errors import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, AdvisorError, BadInput

_COVER_FILE = re.compile(r"^\d{2,}-[a-z][a-z0-9_]*\.json$")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "flows",
        help="list, check, draw and cover flows",
        description="Work with flows: the conversations advisor runs, as TOML files.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the shipped flows")
    listing.set_defaults(handler=handle_list)

    check = actions.add_parser(
        "check",
        help="lint flows and prove every answer path ends in an outcome",
        description="Report every problem in each flow, sorted, with the node and a fix, "
        "and drive every answer path that can make a difference through the engine. "
        "What depends on derived facts (prices, dates) is shown as a note for --today and "
        "does not fail the check. Exit codes: 0 clean, 1 findings, 2 a file cannot be read.",
    )
    check.add_argument(
        "flows", nargs="*", metavar="ID|PATH",
        help="shipped flow ids or flow files (default: every shipped flow)",
    )
    add_today(check)
    check.set_defaults(handler=handle_check)

    graph = actions.add_parser(
        "graph",
        help="draw a flow as a Mermaid diagram",
        description="Print the flow as a Mermaid flowchart; each route is labelled with "
        "its number and condition.",
    )
    graph.add_argument("flow", nargs="?", metavar="ID|PATH", help="default: ai_strategy")
    graph.add_argument("--output", metavar="FILE", help="write the diagram here (atomically)")
    graph.set_defaults(handler=handle_graph)

    cover = actions.add_parser(
        "cover",
        help="write a few answer files that reach every outcome, route and pitfall",
        description="Write answer files (JSON) that together reach every outcome, every "
        "route and every pitfall of the flow: a greedy set cover of the answer paths the "
        "check tries (few files, not guaranteed the fewest). Earlier cover files in the "
        "folder (NN-name.json) that are no longer needed are removed. Exit codes: 0 "
        "everything covered, 1 something no answers reach, 2 bad input.",
    )
    cover.add_argument("flow", nargs="?", metavar="ID|PATH", help="default: ai_strategy")
    cover.add_argument("--out", metavar="DIR", help="default: ./cover-<flow id>")
    add_today(cover)
    cover.set_defaults(handler=handle_cover)


def handle_list(args: argparse.Namespace) -> int:
    from advisor.engine.flows import load_flow
    from advisor.flow.library import shipped

    rows = []
    for flow_id, path in shipped().items():
        flow = load_flow(path)
        rows.append((flow_id, flow.version, f"{len(flow.questions)} questions", flow.title))
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else [0, 0, 0]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
              + "  " + row[3])
    return 0


def display_name(path: str) -> str:
    """A path as short as it can be said from here: relative when under the current folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return path
    return path if relative.startswith("..") else relative


def handle_check(args: argparse.Namespace) -> int:
    from advisor.cli.progress import Progress
    from advisor.facts import Context
    from advisor.fileio import read_text
    from advisor.flow.library import resolve, shipped
    from advisor.flow.loader import MAX_FLOW_BYTES
    from advisor.flowcheck.lint import lint_text
    from advisor.parallel import available_cores, for_a_long_batch

    for_a_long_batch()
    specs = args.flows or list(shipped().values())
    if not specs:
        raise BadInput("no flows to check: no shipped flows found; give flow files to check")
    code = EXIT_OK
    for spec in specs:
        try:
            path = resolve(spec)
            text = read_text(path, MAX_FLOW_BYTES, "flow")
        except AdvisorError as error:
            print(f"advisor: {error}", file=sys.stderr)
            code = EXIT_BAD_INPUT
            continue
        name = display_name(path)
        line = Progress.on_terminal(delay=1.0)
        try:
            result = lint_text(text, name, Context(today=today_of(args)), jobs=available_cores(),
                               progress=_paths_checked(line, f"checking {name}"))
        finally:
            if line is not None:
                line.clear()
        for finding in [*result.findings, *result.notes]:
            print(finding)
        print(result.summary())
        sys.stdout.flush()
        if not result.clean and code == EXIT_OK:
            code = EXIT_CHANGED
    return code


def handle_graph(args: argparse.Namespace) -> int:
    from advisor.cli.output import emit, refuse_overwriting
    from advisor.engine.flows import load_flow
    from advisor.flow.library import resolve
    from advisor.flow.mermaid import to_mermaid

    path = resolve(args.flow)
    refuse_overwriting("--output", args.output, [("the flow file", str(path))])
    emit(to_mermaid(load_flow(path)), args.output)
    return EXIT_OK


def handle_cover(args: argparse.Namespace) -> int:
    from advisor.cli.progress import Progress
    from advisor.engine.flows import load_flow
    from advisor.facts import Context
    from advisor.fileio import atomic_write_text, kind_of, os_error_words
    from advisor.flow.library import resolve
    from advisor.flowcheck.cover import cover, item_words
    from advisor.flowcheck.lint import describe_counts
    from advisor.parallel import available_cores, for_a_long_batch

    for_a_long_batch()
    flow = load_flow(resolve(args.flow))
    today = today_of(args)
    folder = args.out or f"cover-{flow.id}"
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise BadInput(f"--out {folder}: is {kind_of(os.stat(folder).st_mode)}, expected a folder")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        problem = error
        if os.path.islink(folder):  # a link that leads nowhere or in a circle
            try:
                os.stat(folder)
            except OSError as broken:
                problem = broken
        raise BadInput(
            f"--out {folder}: cannot create the folder: "
            f"{os_error_words(problem, folder, 'create it')}"
        ) from None
    # The folder first: a wrong --out is said at once, not after the paths are explored.
    line = Progress.on_terminal(delay=1.0)
    try:
        result = cover(flow, Context(today=today), jobs=available_cores(),
                       progress=_paths_checked(line, f"covering {flow.id}"))
    finally:
        if line is not None:
            line.clear()
    files = result.files()
    for name, text in files.items():
        atomic_write_text(os.path.join(folder, name), text)
    stale = sorted(n for n in os.listdir(folder) if _COVER_FILE.match(n) and n not in files)
    for name in stale:
        os.unlink(os.path.join(folder, name))
    print(
        f"wrote {_count(len(files), 'answer file')} to {folder}: a greedy set cover of the "
        f"{len(result.exploration.finished):,} distinct paths found among "
        f"{describe_counts(result.exploration)}"
    )
    for (name, _), path in zip(files.items(), result.paths, strict=True):
        routes = sum(1 for item in path.reaches if item[0] == "route")
        fired = sum(1 for item in path.reaches if item[0] == "pitfall")
        print(f"  {name}  {_count(routes, 'route')}, {_count(fired, 'pitfall')}")
    kinds = {"outcome": 0, "route": 0, "pitfall": 0}
    for item in result.reached:
        kinds[item[0]] += 1
    print(
        f"together they reach {_count(kinds['outcome'], 'outcome')}, "
        f"{_count(kinds['route'], 'route')} and {_count(kinds['pitfall'], 'pitfall')}"
        + (f"; removed {_count(len(stale), 'earlier cover file')}: {', '.join(stale)}"
           if stale else "")
    )
    if result.missing:
        names = ", ".join(item_words(item) for item in sorted(result.missing))
        print(
            f"advisor: no answers reach {names}; `advisor flows check` says why",
            file=sys.stderr,
        )
        return EXIT_CHANGED
    if result.unreached_today:
        names = ", ".join(item_words(item) for item in sorted(result.unreached_today))
        print(
            f"advisor: note: as of {today.isoformat()}, no answers reach {names}: it depends "
            "on derived facts (prices, dates); `advisor flows check` says more",
            file=sys.stderr,
        )
    return EXIT_OK


def _paths_checked(line: Any, doing: str) -> Callable[[int], None] | None:
    """What tells the progress line (if any) how many answer paths are checked so far."""
    if line is None:
        return None
    return lambda done: line.show(f"advisor: {doing}: {done:,} answer paths so far")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
