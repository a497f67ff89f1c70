"""Long, valid flows written as TOML: a chain of questions, and a wide fan of chains.

Both are clean by construction, and what `advisor flows check` and `advisor flows cover`
must find is known exactly; `tests/test_long_flows.py` checks them at sizes past Python's
recursion limit, `benchmarks/bench_long_flows.py` times them at 10,000 questions.
"""

from __future__ import annotations

_OUTCOMES = ("prompt_engineering", "rag", "fine_tuning", "hybrid", "rag_fine_tuning")


def _question(qid: str, routes: str, kind: str = "yes_no") -> str:
    return f'[[questions]]\nid="{qid}"\nkind="{kind}"\nprompt="Q?"\nhelp="H."\nroutes={routes}\n'


def _outcomes(names: tuple[str, ...] = _OUTCOMES) -> str:
    return "".join(
        f'[[outcomes]]\nid="{name}"\napproach="{name}"\ncomponents=["{name}"]\n'
        f'title="{name}"\nsummary="S."\n'
        for name in names
    )


def chain_flow(questions: int) -> str:
    """`questions` questions in a row. The first (yes/no) and the last (a choice of three)
    are read by the one decision at the end, so the check answers both and walks the
    whole chain for each of the 6 combinations: 6 paths, 3 outcomes, 1 pitfall."""
    ids = [f"q{i:05d}" for i in range(1, questions)]
    parts = ['id="chain"\ntitle="A long chain"\nversion="1"\n']
    for here, there in zip(ids, [*ids[1:], "pick"], strict=True):
        parts.append(_question(here, f'[{{to="{there}"}}]'))
    parts.append(
        '[[questions]]\nid="pick"\nkind="choice"\nprompt="Pick?"\nhelp="H."\n'
        'choices=[{id="a",label="A"},{id="b",label="B"},{id="c",label="C"}]\n'
        'routes=[{to="decide"}]\n'
    )
    parts.append(
        '[[decisions]]\nid="decide"\nroutes=[\n'
        '  {when={fact="pick",eq="a"},to="prompt_engineering",why="a"},\n'
        f'  {{when={{all=[{{fact="pick",eq="b"}},{{fact="{ids[0]}",eq=true}}]}},to="rag",'
        'why="b, and yes at first"},\n'
        '  {to="fine_tuning"},\n]\n'
    )
    parts.append(_outcomes(_OUTCOMES[:3]))
    parts.append(
        f'[[pitfalls]]\nid="said_no"\ntitle="No"\nadvice="A."\nwhen={{fact="{ids[0]}",eq=false}}\n'
    )
    return "".join(parts)


def wide_flow(branches: int, depth: int) -> str:
    """A first question with `branches` choices, each leading down its own chain of
    `depth` questions to one of the five outcomes (branches ≥ 5): 1 + branches × depth
    questions, `branches` paths, every route and outcome reached, 1 pitfall."""
    choices = ",".join(f'{{id="c{b:03d}",label="C{b}"}}' for b in range(branches))
    routes = ",".join(
        f'{{when={{fact="branch",eq="c{b:03d}"}},to="b{b:03d}_001"}}' for b in range(branches)
    )
    parts = [
        'id="wide"\ntitle="A wide flow"\nversion="1"\n',
        f'[[questions]]\nid="branch"\nkind="choice"\nprompt="Which?"\nhelp="H."\n'
        f'choices=[{choices}]\nroutes=[{routes},{{to="b000_001"}}]\n',
    ]
    for b in range(branches):
        ids = [f"b{b:03d}_{d:03d}" for d in range(1, depth + 1)]
        ends = [*ids[1:], _OUTCOMES[b % len(_OUTCOMES)]]
        for here, there in zip(ids, ends, strict=True):
            parts.append(_question(here, f'[{{to="{there}"}}]'))
    parts.append(_outcomes())
    parts.append(
        '[[pitfalls]]\nid="first"\ntitle="First"\nadvice="A."\n'
        'when={fact="branch",eq="c000"}\n'
    )
    return "".join(parts)
