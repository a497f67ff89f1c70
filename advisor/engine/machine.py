"""One `transitions` state machine per flow, shared by every session of that flow.

States are node ids; a single trigger, `advance`, carries each node's routes as ordered
conditional transitions ending in the unconditional fallback the loader insists on.
Sessions are not registered as models: each trigger is fired for one session through
`Event.trigger(session)`, so a session costs nothing to create and nothing to forget.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from transitions import Machine

from advisor.flow.conditions import Condition, evaluate
from advisor.flow.model import Flow

if TYPE_CHECKING:
    from advisor.engine.session import Session

TRIGGER = "advance"


def _holds(condition: Condition, event: Any) -> bool:
    return evaluate(condition, event.model.facts)


def _taken(node_id: str, index: int, event: Any) -> None:
    event.model._route_taken(node_id, index)


class FlowMachine:
    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.machine = Machine(
            model=[],
            states=list(flow.nodes),
            initial=flow.start,
            auto_transitions=False,
            send_event=True,
        )
        for node_id in flow.nodes:
            for index, route in enumerate(flow.routes_of(node_id)):
                self.machine.add_transition(
                    TRIGGER,
                    source=node_id,
                    dest=route.to,
                    conditions=None if route.when is None else [partial(_holds, route.when)],
                    after=[partial(_taken, node_id, index)],
                )
        self._event = self.machine.events[TRIGGER]

    def advance(self, session: Session) -> bool:
        """Follow the first route of the session's node whose condition holds."""
        return bool(self._event.trigger(session))

    def jump(self, session: Session, node_id: str) -> None:
        """Put the session back on a node it has visited (going back)."""
        self.machine.set_state(node_id, session)


_MACHINES: dict[tuple[int, str], FlowMachine] = {}


def machine_for(flow: Flow) -> FlowMachine:
    key = (id(flow), flow.content_hash)
    machine = _MACHINES.get(key)
    if machine is None or machine.flow is not flow:
        machine = _MACHINES[key] = FlowMachine(flow)
    return machine
