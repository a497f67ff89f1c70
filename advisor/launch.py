"""The `advisor` command's first step (and `python -m advisor`'s): the garbage collector is
paused before anything is imported, since starting up makes tens of thousands of objects
and frees almost none; advisor.cli turns it back on for every command but the short ones
(advisor.cli.SHORT)."""

import gc


def main() -> int:
    gc.disable()
    from advisor.cli import main as run

    return run()
