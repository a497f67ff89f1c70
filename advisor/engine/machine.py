"""One `transitions` state machine per flow, shared by every session of that flow.

States are node ids; a single trigger, `advance`, carries each node's routes as ordered
conditional transitions ending in the unconditional fallback the loader insists on.
Sessions are not registered as models: each trigger is fired for one session through
`Event.trigger(session)`, so a session costs nothing to create and nothing to forget.

The machine uses transitions' extension points (`event_cls`, `transition_cls`) for an
event and a transition that do exactly what ours need and no more: try the source's
transitions in order, check their conditions, set the state, run the one `after`
callback. The general machinery they skip — prepare, before, enter and exit callbacks,
queued processing, debug logging on every step — is not used here (the constructor
refuses anything that would need it), and was most of the cost of answering a question.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from transitions import Event, EventData, Machine, Transition
from transitions.core import Condition as TransitionCondition

from advisor.flow.conditions import Condition, test_for
from advisor.flow.model import Flow

if TYPE_CHECKING:
    from advisor.engine.session import Session

TRIGGER = "advance"


class _When(TransitionCondition):
    """A route's condition (a flow condition, data), read against the session's facts."""

    def __init__(self, func: Condition, target: bool = True) -> None:
        super().__init__(func, target)
        self.test = test_for(func)

    def check(self, event_data: EventData) -> bool:
        return self.test(event_data.model.facts)


def _taken(node_id: str, route: Any, event: Any) -> None:
    event.model._route_taken(node_id, route)


class _Route(Transition):
    """A route: conditions, then the new state, then `after`; nothing else to run."""

    condition_cls = _When

    def __init__(self, source: str, dest: str, conditions: Any = None, unless: Any = None,
                 before: Any = None, after: Any = None, prepare: Any = None) -> None:
        if before or prepare or unless:
            raise TypeError("a route runs conditions and `after` callbacks only")
        super().__init__(source, dest, conditions=conditions, after=after)

    def execute(self, event_data: EventData) -> bool:
        for condition in self.conditions:
            if not condition.check(event_data):
                return False
        setattr(event_data.model, event_data.machine.model_attribute, self.dest)  # set_state
        for callback in self.after:
            callback(event_data)
        return True


class _Advance(Event):
    """The one trigger: the first route of the model's state whose conditions hold."""

    def trigger(self, model: Any, *args: Any, **kwargs: Any) -> bool:
        machine = self.machine
        name = getattr(model, machine.model_attribute)
        event_data = EventData(machine.states[name], self, machine, model, args, kwargs)
        for transition in self.transitions.get(name, ()):
            event_data.transition = transition
            if transition.execute(event_data):
                event_data.result = True
                return True
        return False


class _FlowMachine(Machine):
    event_cls = _Advance
    transition_cls = _Route


class FlowMachine:
    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.machine = _FlowMachine(
            model=[],
            states=list(flow.nodes),
            initial=flow.start,
            auto_transitions=False,
            send_event=True,
        )
        for node_id in flow.nodes:
            for route in flow.routes_of(node_id):
                self.machine.add_transition(
                    TRIGGER,
                    source=node_id,
                    dest=route.to,
                    conditions=None if route.when is None else [route.when],
                    after=[partial(_taken, node_id, route)],
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
