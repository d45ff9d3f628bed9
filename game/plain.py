"""Plain mode: the whole game as numbered lines on stdin and stdout.

No colour, no box drawing: friendly to screen readers, scripts and transcripts. Options are
numbers, investigations letters. End of input saves and exits cleanly.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from game.content.conditions import LOYALTIES
from game.engine.game import GameError
from game.engine.views import EventView, Outcome
from game.session import Session
from game.strings import s
from game.textsafety import LIMITS, clean, safe_display

LETTERS = "abcdefghjkmnortuvwxyz"  # no i, l, p, q, s: those are commands


def tolerant_stdin() -> None:
    """Bytes that are not UTF-8 (a terminal in Latin-1, a stray paste) become U+FFFD instead
    of ending the game with a decoding error."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


class PlainGame:
    def __init__(self, session: Session, out: TextIO | None = None,
                 read: Callable[[str], str] | None = None, width: int = 78) -> None:
        self.session = session
        self.out = out or sys.stdout
        if read is None:
            tolerant_stdin()
        self.read = read or self._read_stdin
        self.width = width

    # ---------------------------------------------------------------- output
    def _read_stdin(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        if not sys.stdin.isatty():
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\n")

    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        """Write wrapped text; ``hanging`` indents the continuation lines of a list item.
        Never an escape sequence or control character: a motivation restored from the
        workshop store is shown as the text it is."""
        if not text:
            self.out.write("\n")
            return
        text = safe_display(text)
        for paragraph in text.split("\n"):
            wrapped = textwrap.fill(paragraph, self.width, initial_indent=indent,
                                    subsequent_indent=indent if hanging is None else hanging,
                                    break_on_hyphens=False) if paragraph.strip() else ""
            self.out.write(wrapped + "\n")

    def t(self, key: str, **values: object) -> str:
        return s(key, self.session.lang, **values)

    def ask_text(self, prompt: str, kind: str) -> str:
        """Read a motivation or an answer, cleaned; says so when it was too long."""
        cleaned = clean(self.read(prompt), kind)
        if cleaned.cut:
            self.say(self.t("text_cut", limit=LIMITS[kind]))
        return cleaned.text

    # ---------------------------------------------------------------- screens
    def show_case(self) -> None:
        game = self.session.game
        view = game.case_view()
        self.say()
        self.say("=" * min(self.width, 60))
        self.say(self.t("case_heading", number=view.number, title=view.title))
        self.say(view.organisation)
        if view.role:
            self.say(view.role)
        self.say()
        for label, text in (("citizen", view.citizen), ("request", view.request),
                            ("rule", view.rule), ("known", view.known)):
            self.say(f"{self.t(label)}: {text}")
        for note in view.notes:
            extra = f" ({self.t('recalls', title=note.cites_title)})" if note.cites_title else ""
            self.say(f"{self.t('earlier')}: {note.text}{extra}")
        self.show_choices()

    def show_choices(self) -> None:
        game = self.session.game
        view = game.case_view()
        self.say()
        hours = self.t("hours", left=view.hours_left, budget=view.hours_budget)
        if view.hours_lost:
            hours += " " + self.t("hours_lost", lost=view.hours_lost)
        self.say(hours)
        investigations = game.investigations()
        if investigations:
            self.say(self.t("investigate") + ":")
            for letter, inv in zip(LETTERS, investigations):
                state = ""
                if inv.done:
                    state = f" [{self.t('done')}]"
                elif not inv.affordable:
                    state = f" [{self.t('too_expensive')}]"
                self.say(f"{letter}. {inv.label} ({inv.hours} {self.t('hour_unit')}){state}",
                         "  ", "     ")
        self.say(self.t("decide") + ":")
        for option in game.options():
            tag = self.t(f"variant_{option.variant}")
            if option.escalation:
                tag += ", " + self.t("escalation")
            line = f"{option.number}. {option.label} ({tag})"
            if option.locked:
                line = f"{option.number}. [{self.t('locked')}] {option.label} ({tag}): {option.reason}"
            self.say(line, "  ", "     ")

    def show_outcome(self, outcome: Outcome) -> None:
        self.say()
        self.say(f"{self.t('outcome')}: {outcome.label}")
        self.say(outcome.text, "  ")
        for change in outcome.loyalties:
            sign = f"+{change.delta}" if change.delta > 0 else str(change.delta)
            self.say(f"{self.t('loyalty_' + change.loyalty)} {sign}: {change.why}", "  ", "    ")
        for meter in outcome.meters:
            self.say(f"  {meter.name}: {meter.before} -> {meter.after}")
        if outcome.foreshadow:
            self.say(f"{self.t('foreshadow')}: {outcome.foreshadow}")
        for event in outcome.events:
            self.show_event(event)

    def show_event(self, event: EventView) -> None:
        self.say()
        self.say(self.t("event_heading", sender=event.sender, title=event.title))
        self.say(event.body, "  ")
        for note in event.notes:
            self.say(note.text, "  ")
        if event.because:
            self.say(event.because, "  ")

    def show_standing(self) -> None:
        game = self.session.game
        self.say(self.t("loyalties") + ":")
        for loyalty in LOYALTIES:
            self.say(f"  {self.t('loyalty_' + loyalty)}: {game.state.loyalties[loyalty]:+d}")
        self.say(self.t("meters") + ":")
        for meter in game.campaign.meters:
            self.say(f"  {game.t(meter.name)}: {game.state.meters[meter.id]} / {meter.max}")

    def show_precedents(self) -> None:
        game = self.session.game
        self.say(self.t("precedents") + ":")
        if not game.state.decisions:
            self.say("  " + self.t("no_precedents"))
        for decision in game.state.decisions:
            case = game.content.cases[decision.case]
            option = game.option_def(decision.case, decision.option)
            self.say("  " + self.t("precedent_line", number=decision.number,
                                   title=game.t(case.title), label=game.t(option.label)))
            if decision.motivation:
                self.say(f"     {self.t('motivation')}: {decision.motivation}")

    def show_inbox(self) -> None:
        self.say(self.t("inbox") + ":")
        for event in self.session.game.inbox():
            self.say(f"  - {event.sender}: {event.title}")

    def show_reflection(self) -> None:
        """A short look back at the case just decided: who paid, a question, the other roads."""
        from game.engine.analysis import reflection
        from game.report.render import reflection_lines

        game = self.session.game
        decision = game.state.decisions[-1]
        names = {m.id: game.t(m.name) for m in game.campaign.meters}
        self.say()
        for line in reflection_lines(reflection(game, decision), game.lang, plain=True, meter_names=names):
            self.say(line, "", "    " if line.startswith("- ") else None)

    def show_debrief(self) -> None:
        """The end-of-campaign debrief, in the phases of a good debriefing: how did it feel,
        what happened, what does it mean, what will you take into your own work."""
        from game.engine.analysis import ANSWER_KEYS, debrief
        from game.report.render import sections

        session = self.session
        game = session.game
        ask = list(zip(ANSWER_KEYS, ("feel_prompt", "transfer_prompt", "commitment_prompt")))
        self.say()
        self.say(self.t("feel_heading").upper())
        answer = self.ask_text(self.t(ask[0][1]) + " ", "answer")
        if answer:
            session.reflect(ask[0][0], answer)
        parts = sections(debrief(game, session.reflections), plain=True)
        for name in ("timeline", "profile", "map", "dynamics", "consistency"):
            for line in parts[name]:
                self.say(line, "", "    " if line.startswith("- ") else None)
        self.say(self.t("transfer_heading").upper())
        for key, prompt in ask[1:]:
            answer = self.ask_text(self.t(prompt) + " ", "answer")
            if answer:
                session.reflect(key, answer)

    def show_end(self) -> None:
        game = self.session.game
        self.say()
        self.say("=" * min(self.width, 60))
        self.say(self.t("end_heading", title=game.t(game.campaign.title)))
        notes = game.epilogue()
        if notes:
            self.say(self.t("epilogue") + ":")
            for note in notes:
                self.say(note.text, "  ")

    # ---------------------------------------------------------------- loop
    def play_through(self) -> None:
        """The intro, every case, the end and the debrief; raises EOFError when input ends."""
        game = self.session.game
        if not game.state.actions:
            self.say(game.t(game.campaign.title))
            self.say(game.t(game.campaign.intro))
        while not game.finished:
            self.show_case()
            self.turn()
        self.show_end()
        self.show_debrief()

    def run(self) -> int:
        from game.plain_saves import closing

        interrupted = False
        try:
            self.play_through()
        except EOFError:
            self.say()
            interrupted = True
        lines, run_text = closing(self.session, interrupted)  # never "saved" unless it is
        for line in lines:
            self.say(line)
        self.out.write(run_text)
        return 0

    def turn(self) -> None:
        """Read commands until a decision is made (or input ends)."""
        game = self.session.game
        while True:
            answer = self.read(self.t("prompt")).strip().lower()
            investigations = game.investigations()
            options = game.options()
            if answer in ("?", "h", "help", "hulp"):
                self.say(self.t("help_plain"))
            elif answer == "s":
                self.show_standing()
            elif answer == "p":
                self.show_precedents()
            elif answer == "i":
                self.show_inbox()
            elif answer == "q":
                raise EOFError
            elif answer.isdigit() and 1 <= int(answer) <= len(options):
                option = options[int(answer) - 1]
                if option.locked:
                    self.say(self.t("not_now", reason=option.reason))
                    continue
                motivation = self.ask_text(self.t("motivation_prompt"), "motivation")
                self.show_outcome(self.session.choose(option.id, motivation))
                self.show_reflection()
                return
            elif len(answer) == 1 and answer in LETTERS[:len(investigations)]:
                inv = investigations[LETTERS.index(answer)]
                if inv.done or not inv.affordable:
                    self.say(self.t("not_now", reason=self.t("done" if inv.done else "too_expensive")))
                    continue
                try:
                    self.say(self.session.investigate(inv.id), "  ")
                except GameError as exc:
                    self.say(self.t("not_now", reason=exc))
                    continue
                self.show_choices()
            elif answer == "":
                continue
            else:
                self.say(self.t("not_understood"))
