"""The presenter's side: the message on their screen, talking points pushed and covered, the
prompter, the sales prompt, and viewers' questions (approved before they go anywhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hostconsole.domain.show import OverlayKind
from hostconsole.services.commands import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.questions import Question, QuestionState
from hostconsole.services.show.state import PresenterMessage
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.services import arguments
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.graphics import GraphicsRoom
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft


class PresenterRoom:
    def __init__(self, session: ShowSession, graphics: GraphicsRoom) -> None:
        self.session = session
        self.graphics = graphics

    def handlers(self) -> dict[CommandKind, Handler]:
        return {
            CommandKind.MESSAGE: self.message,
            CommandKind.PUSH: self.push,
            CommandKind.COVERED: self.covered,
            CommandKind.PROMPTER: self.prompter,
            CommandKind.PROMPT: self.prompt,
            CommandKind.QUESTION: self.question,
        }

    async def message(self, command: Command, draft: Draft) -> CommandResult:
        args: arguments.Message = command.arguments
        text, blink = args.text.strip(), args.blink
        draft.state.message = PresenterMessage(text, blink, self.session.now())
        shown = f"{text!r}{' (blinking)' if blink else ''}"
        self.session.onair_log.write("message", command.origin, shown)
        draft.save = True
        draft.changed("message")
        return CommandResult(detail="message sent" if text else "message cleared")

    async def push(self, command: Command, draft: Draft) -> CommandResult:
        draft.state.pushed_point = self.session.point_id(command.arguments.point)
        point = draft.state.pushed_point
        self.session.onair_log.write("push", command.origin, f"talking point {point}")
        draft.save = True
        draft.changed("points")
        return CommandResult()

    async def covered(self, command: Command, draft: Draft) -> CommandResult:
        args: arguments.Covered = command.arguments
        point = self.session.point_id(args.point)
        assert point is not None
        ticked = args.covered
        covered = set(draft.state.covered)
        if ticked:
            covered.add(point)
        else:
            covered.discard(point)
        draft.state.covered = frozenset(covered)
        draft.save = True
        draft.changed("points")
        return CommandResult()

    async def prompter(self, command: Command, draft: Draft) -> CommandResult:
        """Start, stop, speed, size, back/forward and jump to a segment's marker: from the
        console, its keys, the presenter's clicker or the control API."""
        session = self.session
        args: arguments.Prompter = command.arguments
        action, segment = args.action, args.segment
        prompter = draft.state.prompter  # the draft's own copy
        if not prompter.markers and action not in ("show", "hide"):
            raise Refused("no segment of this show has a script", NOT_FOUND)
        now = session.now()
        try:
            detail = prompter.apply(action, now, segment)
        except ValueError as error:
            raise Refused(str(error), INVALID) from None
        state = draft.state
        if action == "show" and state.on_air():
            # Opened mid-show: at the script of the segment on air, not the first one.
            on_air = session.show.segments[state.clock.index].id
            if prompter.follow(on_air, now):
                detail += f", at {on_air}"
        session.onair_log.write("prompter", command.origin, detail)
        draft.save = True
        if prompter.running:
            draft.on_commit(session.save_while_prompting)
        draft.changed("prompter")
        return CommandResult(detail=detail, data={"prompter": prompter.to_json(now)})

    async def prompt(self, command: Command, draft: Draft) -> CommandResult:
        """The producer dismisses the sales prompt on the presenter's screen."""
        # The only action (its record says so): dismiss.
        prompter = self.session.sales_prompter
        if prompter.current is None:
            raise Refused("there is no sales prompt to dismiss", CONFLICT)
        gone = prompter.current
        draft.on_commit(prompter.dismiss)
        detail = f"dismissed {gone.kind}: {gone.text}"
        self.session.onair_log.write("prompt", command.origin, detail)
        draft.changed("prompt")
        return CommandResult(detail=detail)

    async def question(self, command: Command, draft: Draft) -> CommandResult:
        """approve / dismiss a viewer's question; present / withdraw it on the presenter's
        screen; on-air / off-air as the question card. Only an approved one goes anywhere."""
        args: arguments.Question = command.arguments
        action, question_id = args.action, args.id
        state = draft.state
        ok = True
        if action == "withdraw":
            state.question_presented = None
            detail = "question withdrawn from the presenter"
        elif action == "off-air":
            detail, ok = await self._question_card(draft, None, command.origin)
        else:
            question = self.session.questions.get(question_id) if question_id else None
            if question is None:
                raise Refused(f"no question with id '{question_id}'", NOT_FOUND)
            if action == "approve":
                draft.on_commit(lambda: setattr(question, "state", QuestionState.APPROVED))
                detail = f"approved {question.id}"
            elif action == "dismiss":
                draft.on_commit(lambda: setattr(question, "state", QuestionState.DISMISSED))
                if state.question_presented == question.id:
                    state.question_presented = None
                detail = f"dismissed {question.id}"
                if state.question_on_air == question.id:
                    # Its card goes off air with it (or, if OBS cannot, nothing is dismissed).
                    card, ok = await self._question_card(draft, None, command.origin)
                    detail += f"; {card}"
            elif action in ("present", "on-air"):
                if question.state is not QuestionState.APPROVED:
                    raise Refused("only an approved question can be shown", CONFLICT)
                if action == "present":
                    state.question_presented = question.id
                    detail = f"{question.id} on the presenter's screen"
                else:
                    detail, ok = await self._question_card(draft, question, command.origin)
            else:
                raise Refused(
                    "'action' must be approve, dismiss, present, withdraw, on-air or off-air",
                    INVALID,
                )
        self.session.onair_log.write("question", command.origin, detail)
        draft.save = True
        draft.changed("question")
        return CommandResult(ok, detail)

    async def _question_card(
        self, draft: Draft, question: Question | None, origin: str
    ) -> tuple[str, bool]:
        """The question card on air (drawn with the question) or off. Refused before OBS is
        asked (no card, OBS away); once the batch went, what OBS did is the state, and a part
        it refused is said in the result (ok False), as for any graphic."""
        cards = [o for o in self.session.show.overlays if o.kind is OverlayKind.QUESTION]
        if not cards:
            raise Refused("this show has no question overlay", NOT_FOUND)
        connected_obs(self.session.obs)
        draft.state.question_on_air = None if question is None else question.id
        result = await self.graphics.set_overlay(draft, cards[0].id, question is not None, origin)
        done = f"question card {'on air: ' + question.id if question else 'off air'}"
        if result != "ok":
            return f"{done}; OBS refused part of it: {result}", False
        return done, True
