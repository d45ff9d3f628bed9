"""Plain mode: the whole game as numbered lines on stdin and stdout.

No colour, no box drawing: friendly to screen readers, scripts and transcripts. Options are
numbers, investigations letters. End of input saves and exits cleanly.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from game.engine.game import GameError
from game.engine.views import EventView, Outcome
from game.run import Run
from game.strings import s
from game.textsafety import LIMITS, clean, safe_display
from game.texts import dossier, event_text, option_line, outcome_text

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
    def __init__(self, run: Run, out: TextIO | None = None,
                 read: Callable[[str], str] | None = None, width: int = 78) -> None:
        self.player_run = run
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
        return s(key, self.player_run.lang, **values)

    def ask_text(self, prompt: str, kind: str) -> str:
        """Read a motivation or an answer, cleaned; says so when it was too long."""
        cleaned = clean(self.read(prompt), kind)
        if cleaned.cut:
            self.say(self.t("text_cut", limit=LIMITS[kind]))
        return cleaned.text

    # ---------------------------------------------------------------- screens
    def show_case(self) -> None:
        d = dossier(self.player_run.game.case_view(), self.player_run.lang)
        self.say()
        self.say("=" * min(self.width, 60))
        self.say(d.heading)
        self.say(d.organisation)
        if d.role:
            self.say(d.role)
        self.say()
        for part in d.fields:
            self.say(f"{part.lead}: {part.text}")
        for note in d.notes:
            extra = f" ({note.recalls})" if note.recalls else ""
            self.say(f"{note.lead}: {note.text}{extra}")
        self.show_choices()

    def show_choices(self) -> None:
        game = self.player_run.game
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
            self.say(option_line(option, self.player_run.lang), "  ", "     ")

    def show_outcome(self, outcome: Outcome) -> None:
        o = outcome_text(outcome, self.player_run.lang)
        self.say()
        self.say(f"{self.t('outcome')}: {o.label}")
        self.say(o.text, "  ")
        for change in o.loyalties:
            self.say(f"{change.name} {change.sign}: {change.why}", "  ", "    ")
        for meter in o.meters:
            self.say(f"  {meter.name}: {meter.before} -> {meter.after}")
        if o.foreshadow:
            self.say(f"{o.foreshadow.lead}: {o.foreshadow.text}")
        for event in outcome.events:
            self.show_event(event)

    def show_event(self, event: EventView) -> None:
        e = event_text(event, self.player_run.lang)
        self.say()
        self.say(e.heading)
        self.say(e.body, "  ")
        for note in e.notes:
            self.say(note, "  ")
        if e.because:
            self.say(e.because, "  ")

    def show_standing(self) -> None:
        standing = self.player_run.game.standing()
        self.say(self.t("loyalties") + ":")
        for loyalty, total in standing.loyalties:
            self.say(f"  {self.t('loyalty_' + loyalty)}: {total:+d}")
        self.say(self.t("meters") + ":")
        for meter in standing.meters:
            self.say(f"  {meter.name}: {meter.value} / {meter.max}")

    def show_precedents(self) -> None:
        precedents = self.player_run.game.precedents()
        self.say(self.t("precedents") + ":")
        if not precedents:
            self.say("  " + self.t("no_precedents"))
        for p in precedents:
            self.say("  " + self.t("precedent_line", number=p.number, title=p.title,
                                   label=p.label))
            if p.motivation:
                self.say(f"     {self.t('motivation')}: {p.motivation}")

    def show_inbox(self) -> None:
        self.say(self.t("inbox") + ":")
        for event in self.player_run.game.inbox():
            self.say(f"  - {event.sender}: {event.title}")

    def show_reflection(self) -> None:
        """A short look back at the case just decided: who paid, a question, the other roads."""
        from game.engine.analysis import reflection_on
        from game.report.render import reflection_lines

        game = self.player_run.game
        names = {m.id: m.name for m in game.standing().meters}
        self.say()
        for line in reflection_lines(reflection_on(game), game.lang, plain=True, meter_names=names):
            self.say(line, "", "    " if line.startswith("- ") else None)

    def show_debrief(self) -> None:
        """The end-of-campaign debrief, in the phases of a good debriefing: how did it feel,
        what happened, what does it mean, what will you take into your own work."""
        from game.engine.analysis import ANSWER_KEYS, debrief
        from game.report.render import sections

        run = self.player_run
        game = run.game
        ask = list(zip(ANSWER_KEYS, ("feel_prompt", "transfer_prompt", "commitment_prompt")))
        self.say()
        self.say(self.t("feel_heading").upper())
        answer = self.ask_text(self.t(ask[0][1]) + " ", "answer")
        if answer:
            run.reflect(ask[0][0], answer)
        parts = sections(debrief(game, run.reflections), plain=True)
        for name in ("timeline", "profile", "map", "dynamics", "consistency"):
            for line in parts[name]:
                self.say(line, "", "    " if line.startswith("- ") else None)
        self.say(self.t("transfer_heading").upper())
        for key, prompt in ask[1:]:
            answer = self.ask_text(self.t(prompt) + " ", "answer")
            if answer:
                run.reflect(key, answer)

    def show_end(self) -> None:
        game = self.player_run.game
        self.say()
        self.say("=" * min(self.width, 60))
        self.say(self.t("end_heading", title=game.campaign_view().title))
        notes = game.epilogue()
        if notes:
            self.say(self.t("epilogue") + ":")
            for note in notes:
                self.say(note.text, "  ")

    # ---------------------------------------------------------------- loop
    def play_through(self) -> None:
        """The intro, every case, the end and the debrief; raises EOFError when input ends."""
        game = self.player_run.game
        if not game.started:
            campaign = game.campaign_view()
            self.say(campaign.title)
            self.say(campaign.intro)
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
        lines, run_text = closing(self.player_run, interrupted)  # never "saved" unless it is
        for line in lines:
            self.say(line)
        self.out.write(run_text)
        return 0

    def turn(self) -> None:
        """Read commands until a decision is made (or input ends)."""
        game = self.player_run.game
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
                self.show_outcome(self.player_run.choose(option.id, motivation))
                self.show_reflection()
                return
            elif len(answer) == 1 and answer in LETTERS[:len(investigations)]:
                inv = investigations[LETTERS.index(answer)]
                if inv.done or not inv.affordable:
                    self.say(self.t("not_now", reason=self.t("done" if inv.done else "too_expensive")))
                    continue
                try:
                    self.say(self.player_run.investigate(inv.id), "  ")
                except GameError as exc:
                    self.say(self.t("not_now", reason=exc))
                    continue
                self.show_choices()
            elif answer == "":
                continue
            else:
                self.say(self.t("not_understood"))
