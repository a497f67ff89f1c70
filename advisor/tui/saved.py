"""The chat's saved conversations: an unfinished one offered for resuming once the first
question is on screen, a saved one played back answer by answer, and the transcript code
warmed up off the main thread. A part of `AdvisorApp` (advisor.tui.app), kept apart so
the app reads as the session's actions."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import work

from advisor.errors import BadInput
from advisor.tui.transcripts import Resumable, unfinished, warm_up

if TYPE_CHECKING:
    from advisor.engine.session import Session
    from advisor.facts import Context
    from advisor.flow.model import Flow
    from advisor.tui.chat_screen import ChatScreen
    from advisor.tui.transcripts import Keeper


class SavedConversations:
    """Resume and play back, for the app that owns the session and its keeper."""

    # What it works on, all the app's (advisor.tui.app.AdvisorApp).
    flow: Flow
    session: Session
    keeper: Keeper
    context: Context | None
    chat: ChatScreen

    def _after_first_frame(self) -> None:
        if not self.keeper.enabled:
            gc.freeze()
            return
        if self.replaying is None and not self._resume_offered:
            self._find_unfinished()  # loads the transcript code on its way
        else:
            self._warm_up()

    # --- saved conversations ------------------------------------------------------------------

    @work(thread=True, group="transcripts")
    def _warm_up(self) -> None:
        warm_up()
        gc.freeze()

    @work(thread=True, group="transcripts", exit_on_error=False)
    def _find_unfinished(self) -> None:
        try:
            warm_up()
            found = unfinished(self.keeper.folder, self.flow.id)
        except BadInput:
            return  # an unreadable sessions folder: `advisor sessions` says why
        finally:
            gc.freeze()
        if found:
            self.call_from_thread(self._offer_resume, found[0])

    def _offer_resume(self, found: Resumable) -> None:
        from advisor.tui.confirm_screen import ConfirmScreen

        if self.session.steps or self.keeper.draft or self._resume_offered:
            return  # the person has started a new conversation meanwhile
        self._resume_offered = True

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.resume_from(found.path)

        self.push_screen(
            ConfirmScreen(
                "Resume your unfinished conversation?",
                f"{found.describe()}, in {found.path}",
                yes="resume it",
                no="start a new one (the saved one stays)",
            ),
            answered,
        )

    async def resume_from(self, path: str) -> None:
        from advisor.transcript import resume

        try:
            transcript, restored = resume(
                path, flow_spec=self.flow.source or None, context=self.context, clock=self.clock
            )
        except BadInput as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.session = self._offering(restored.session)
        self.keeper.follow(self.session, path, transcript.started_at, restored.draft)
        self.last_report, self._shown = None, None
        await self.chat.rebuild([f"Resumed the conversation saved in {path}.", *restored.notes])
        if self.session.finished:
            await self.action_show_report()

    def _replay_tick(self) -> None:
        # The timer's callback runs in the timer's own task, which stopping the timer
        # cancels: the step (and the hand-over at the end, which stops it) runs on the
        # app's queue instead, where nothing cuts it short.
        self.call_later(self._replay_next)

    async def _replay_next(self) -> None:
        if self.replaying is None:
            return
        if next(self._replay_steps, None) is None:
            await self.action_skip_replay()
            return
        await self.chat.replayed_step()

    async def action_skip_replay(self) -> None:
        """Answer the rest of the saved conversation at once and hand it to the person."""
        restorer = self.replaying
        if restorer is None:
            return
        if self._replay_timer is not None:
            self._replay_timer.stop()
        restored = restorer.finish()
        self.replaying = None
        self.session = restored.session
        # Changes from here on are a new conversation (with what was typed, if anything).
        self.keeper.follow(self.session, draft=restored.draft)
        notes = [f"Played back {self.replay_path}.", *restored.notes]
        await self.chat.rebuild(notes)
        if self.session.finished:
            await self.action_show_report()
