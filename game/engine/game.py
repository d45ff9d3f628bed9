"""The rules of play: a pure, deterministic state machine over loaded content.

No terminal, no files, no Textual. A front end asks for views, then calls ``investigate`` and
``choose``; everything that happens is recorded in the state, and the state can be rebuilt
from the seed and the list of actions.
"""

from __future__ import annotations


from game.content.conditions import LOYALTIES, ChoseCond, FlagCond, MeterCond, walk
from game.content.loader import Content
from game.content.models import Campaign, Case, Effects, Event, Note, Option
from game.engine.catalogue import campaign_view
from game.engine.conditions import holds
from game.engine.phrases import phrase
from game.engine.state import Action, Cause, Decision, Delivered, RunState
from game.engine.views import (
    CampaignView, CaseView, EventView, InvestigationView, LoyaltyChange, MeterChange, MeterView,
    NoteView, OptionView, Outcome, PrecedentView, StandingView,
)


class GameError(Exception):
    """An action that is not allowed now (a front end should not offer it)."""


class Game:
    trace: dict[str, set[bool]] | None = None  # place -> outcomes seen (for playtests)
    # the options last worked out, with what they were worked out from (see ``options``)
    _options_cache: tuple[tuple, list[OptionView]] | None = None

    def __init__(self, content: Content, campaign_id: str, seed: int = 0, lang: str = "nl"):
        if campaign_id not in content.campaigns:
            raise GameError(f"unknown campaign '{campaign_id}'")
        self.content = content
        self.campaign: Campaign = content.campaigns[campaign_id]
        self.lang = lang
        self.meter_defs = {m.id: m for m in self.campaign.meters}
        # events whose trigger is watched in this campaign, in a stable order
        self.triggered = [e.id for e in content.events.values() if e.may_fire_in(self.campaign)]
        self.state = RunState(campaign=campaign_id, seed=seed,
                              meters={m.id: m.start for m in self.campaign.meters})
        self._enter_case(0)

    def _check(self, cond, place: str) -> bool:
        result = holds(cond, self.state, place)
        if self.trace is not None and cond is not None:
            self.trace.setdefault(place, set()).add(result)
        return result

    def fork(self) -> "Game":
        """An independent copy of this run (for playtests that explore every branch)."""
        twin = object.__new__(Game)
        twin.__dict__.update(self.__dict__)
        twin.state = self.state.copy()
        return twin

    # ----------------------------------------------------------------- progression
    def _enter_case(self, position: int) -> None:
        state = self.state
        cases = self.campaign.cases
        while position < len(cases):
            case = self.content.cases.get(cases[position])
            if case is None:  # a broken case file: reported by the loader, skipped in play
                state.skipped.append(cases[position])
                position += 1
                continue
            if self._check(case.when, f"case:{case.id}"):
                state.position = position
                state.current = case.id
                budget = case.hours if case.hours is not None else self.campaign.hours_per_case
                lost = 0
                if self.campaign.backlog_meter:
                    lost = min(budget, state.meters.get(self.campaign.backlog_meter, 0) // 2)
                state.hours_budget, state.hours_lost = budget, lost
                state.hours_left = budget - lost
                return
            state.skipped.append(case.id)
            position += 1
        state.position = len(cases)
        state.current = None
        state.finished = True

    @property
    def finished(self) -> bool:
        return self.state.finished

    def current_case(self) -> Case | None:
        return self.content.cases[self.state.current] if self.state.current else None

    # ----------------------------------------------------------------- views
    def t(self, text) -> str:
        return text.get(self.lang) if text is not None else ""

    def _notes(self, notes: list[Note], salt: str) -> tuple[NoteView, ...]:
        shown = []
        for i, note in enumerate(notes):
            if self._check(note.when, f"{salt}:note{i}"):
                cited = self.content.cases.get(note.cites) if note.cites else None
                shown.append(NoteView(self.t(note.text), note.cites,
                                      self.t(cited.title) if cited else None))
        return tuple(shown)

    def case_view(self) -> CaseView:
        case = self._require_case()
        d = case.dossier
        return CaseView(
            id=case.id, number=len(self.state.decisions) + 1,
            total=len(self.campaign.cases), title=self.t(case.title),
            organisation=self.t(case.organisation),
            role=self.t(case.role) if case.role else None,
            citizen=self.t(d.citizen), request=self.t(d.request), rule=self.t(d.rule),
            known=self.t(d.known), notes=self._notes(d.notes, f"case:{case.id}"),
            hours_budget=self.state.hours_budget, hours_lost=self.state.hours_lost,
            hours_left=self.state.hours_left, sources=tuple(case.sources),
        )

    def investigations(self) -> list[InvestigationView]:
        case = self._require_case()
        out = []
        for inv in case.investigations:
            done = (case.id, inv.id) in self.state.investigated
            if not done and not self._check(inv.when, f"inv:{case.id}/{inv.id}"):
                continue  # not offered: the caseworker no longer notices this signal
            out.append(InvestigationView(
                inv.id, self.t(inv.label), inv.hours, done,
                affordable=inv.hours <= self.state.hours_left,
                reveals=self.t(inv.reveals) if done else None))
        return out

    def options(self) -> list[OptionView]:
        """The options of the current case. Worked out once per decision: again only when
        something an option's conditions may read has changed (an investigation, a flag or
        meter set from outside, the language)."""
        state = self.state
        key = (state.current, self.lang, len(state.actions), len(state.fired),
               frozenset(state.flags), tuple(state.meters.items()),
               tuple(state.loyalties.items()), self.trace is None)
        cached = self._options_cache
        if cached is None or cached[0] != key:
            cached = self._options_cache = (key, self._build_options())
        return list(cached[1])

    def _build_options(self) -> list[OptionView]:
        case = self._require_case()
        out: list[OptionView] = []
        for option in case.options:
            if not self._check(option.when, f"opt:{case.id}/{option.id}"):
                continue
            locked = option.locked_if is not None and self._check(
                option.locked_if, f"lock:{case.id}/{option.id}")
            out.append(OptionView(
                option.id, len(out) + 1, self.t(option.label),
                self.t(option.detail) if option.detail else None, option.variant,
                option.escalation, locked, self.t(option.locked_reason) if locked else None))
        return out

    def event_view(self, delivered: Delivered) -> EventView:
        event = self.content.events[delivered.event]
        return EventView(
            id=event.id, kind=event.kind, sender=self.t(event.sender), title=self.t(event.title),
            body=self.t(event.body), notes=self._notes(event.notes, f"event:{event.id}"),
            dynamic=event.dynamic, because=self.because(delivered.cause, event.id),
            after_decision=delivered.after_decision)

    def follows_every_option(self, case_id: str, event_id: str) -> bool:
        """Does this event follow whichever option was chosen in the case (of the options the
        player was offered)? Then it follows the case, not the choice."""
        case = self.content.cases[case_id]
        decision = self.state.decision_for(case_id)
        offered = set(decision.offered) if decision and decision.offered else None
        options = [o for o in case.options if offered is None or o.id in offered]
        return bool(options) and all(
            any(s.event == event_id for s in o.effects.schedule) for o in options)

    def because(self, cause: Cause, event_id: str | None = None) -> str | None:
        if cause.kind == "decision" and cause.case and cause.option:
            decision = self.state.decision_for(cause.case)
            case = self.content.cases[cause.case]
            option = next(o for o in case.options if o.id == cause.option)
            if event_id and self.follows_every_option(cause.case, event_id):
                return phrase("after_case", self.lang,
                              number=decision.number if decision else "?",
                              title=self.t(case.title))
            return phrase("because_decision", self.lang,
                          number=decision.number if decision else "?",
                          title=self.t(case.title), label=self.t(option.label))
        if cause.kind == "event" and cause.event in self.content.events:
            return phrase("because_event", self.lang,
                          title=self.t(self.content.events[cause.event].title))
        if cause.kind == "trigger" and cause.decisions:
            parts = []
            for case_id, option_id in cause.decisions[-3:]:
                case = self.content.cases[case_id]
                option = next(o for o in case.options if o.id == option_id)
                parts.append(f"{self.t(case.title)}: {self.t(option.label)}")
            return phrase("because_trigger", self.lang, decisions="; ".join(parts))
        return None

    def inbox(self) -> list[EventView]:
        return [self.event_view(d) for d in self.state.inbox]

    def meter_name(self, meter_id: str) -> str:
        meter = self.meter_defs.get(meter_id)
        return self.t(meter.name) if meter else meter_id

    @property
    def current_case_id(self) -> str | None:
        """The id of the case on the desk (None once the campaign is over)."""
        return self.state.current

    @property
    def campaign_id(self) -> str:
        return self.campaign.id

    def campaign_view(self) -> CampaignView:
        return campaign_view(self.content, self.campaign.id, self.lang)

    @property
    def started(self) -> bool:
        """Has the player done anything yet (investigated or decided)?"""
        return bool(self.state.actions)

    def standing(self) -> StandingView:
        state = self.state
        return StandingView(
            hours_left=state.hours_left, hours_budget=state.hours_budget,
            hours_lost=state.hours_lost,
            loyalties=self._totals(),
            meters=tuple(MeterView(m.id, self.t(m.name), state.meters[m.id], m.min, m.max,
                                   tuple(m.thresholds)) for m in self.campaign.meters),
            decisions=len(state.decisions), inbox=len(state.inbox))

    def _totals(self) -> tuple[tuple[str, int], ...]:
        """Every loyalty's total so far, in the fixed order."""
        return tuple((k, self.state.loyalties.get(k, 0)) for k in LOYALTIES)

    def precedents(self) -> tuple[PrecedentView, ...]:
        """Every decision so far, in order, with its case and option in the current language."""
        out = []
        for d in self.state.decisions:
            case = self.content.cases[d.case]
            labels = {i.id: self.t(i.label) for i in case.investigations}
            out.append(PrecedentView(
                d.number, d.case, self.t(case.title), d.option,
                self.t(self.option_def(d.case, d.option).label), d.variant, d.escalation,
                d.motivation, tuple(d.loyalties.items()),
                tuple(labels.get(i, i) for i in d.investigated)))
        return tuple(out)

    # ----------------------------------------------------------------- actions
    def _require_case(self) -> Case:
        case = self.current_case()
        if case is None:
            raise GameError("the campaign is over")
        return case

    def investigate(self, action_id: str) -> str:
        case = self._require_case()
        inv = next((i for i in case.investigations if i.id == action_id), None)
        if inv is None:
            raise GameError(f"case '{case.id}' has no investigation '{action_id}'")
        if (case.id, inv.id) in self.state.investigated:
            raise GameError("already done")
        if not self._check(inv.when, f"inv:{case.id}/{inv.id}"):
            raise GameError("not offered now")
        if inv.hours > self.state.hours_left:
            raise GameError("not enough hours left this week")
        self.state.hours_left -= inv.hours
        self.state.investigated.append((case.id, inv.id))
        self.state.actions.append(Action("investigate", case.id, inv.id))
        self._apply(inv.effects, Cause("decision", case.id), None)
        return self.t(inv.reveals)

    def choose(self, option_id: str, motivation: str = "") -> Outcome:
        case = self._require_case()
        shown = self.options()
        view = next((o for o in shown if o.id == option_id), None)
        if view is None:
            raise GameError(f"option '{option_id}' is not offered in case '{case.id}'")
        if view.locked:
            raise GameError(f"option '{option_id}' is locked: {view.reason}")
        option = next(o for o in case.options if o.id == option_id)
        motivation = motivation.strip()
        state = self.state
        for loyalty, delta in option.loyalties.items():
            state.loyalties[loyalty] += delta.delta
        number = len(state.decisions) + 1
        cause = Cause("decision", case.id, option.id)
        before = dict(state.meters)
        self._apply(option.effects, cause, number)
        applied = {k: state.meters[k] - before[k] for k in state.meters if state.meters[k] != before[k]}
        for meter, change in applied.items():
            if change > 0:
                state.meter_sources.setdefault(meter, []).append((case.id, option.id))
        for flag in option.effects.set_flags:
            state.flag_sources.setdefault(flag, []).append((case.id, option.id))
        state.decisions.append(Decision(
            number=number, case=case.id, option=option.id, variant=option.variant,
            escalation=option.escalation, motivation=motivation,
            compare_group=case.compare_group,
            loyalties={k: v.delta for k, v in option.loyalties.items()}, meters=applied,
            investigated=tuple(i for c, i in state.investigated if c == case.id),
            offered=tuple(o.id for o in shown), locked=tuple(o.id for o in shown if o.locked),
            verdict=option.decides))
        state.actions.append(Action("choose", case.id, option.id, motivation))
        arrived = self._deliver(number)
        self._enter_case(state.position + 1)
        if state.finished:
            arrived += self._deliver(number, closing=True)
        return self._outcome(
            option, case.id, meters=tuple((k, before[k], state.meters[k]) for k in applied),
            events=arrived, finished=state.finished)

    def _outcome(self, option: Option, case_id: str, meters: tuple[tuple[str, int, int], ...],
                 events: list[Delivered], finished: bool) -> Outcome:
        return Outcome(
            case_title=self.t(self.content.cases[case_id].title),
            totals=self._totals(),
            case=case_id, option=option.id, label=self.t(option.label), variant=option.variant,
            text=self.t(option.outcome),
            foreshadow=self.t(option.foreshadow) if option.foreshadow else None,
            loyalties=tuple(LoyaltyChange(k, v.delta, self.t(v.why))
                            for k, v in option.loyalties.items()),
            meters=tuple(MeterChange(k, self.meter_name(k), b, a) for k, b, a in meters),
            events=tuple(self.event_view(d) for d in events),
            finished=finished)

    def outcome_view(self, outcome: Outcome) -> Outcome:
        """The same outcome in the game's current language (after the player switched it)."""
        events = [next(d for d in self.state.inbox if d.event == e.id) for e in outcome.events]
        return self._outcome(self.option_def(outcome.case, outcome.option), outcome.case,
                             tuple((m.meter, m.before, m.after) for m in outcome.meters),
                             events, outcome.finished)

    # ----------------------------------------------------------------- effects and events
    def _apply(self, effects: Effects, cause: Cause, decision: int | None) -> None:
        state = self.state
        for meter, change in effects.meters.items():
            spec = self.meter_defs.get(meter)
            if spec is None:
                continue  # reported by the validator; a run never breaks on it
            state.meters[meter] = max(spec.min, min(spec.max, state.meters[meter] + change))
        state.flags.update(effects.set_flags)
        state.flags.difference_update(effects.clear_flags)
        now = len(state.decisions) + (0 if decision is None else 1)
        for item in effects.schedule:
            if item.event in self.content.events:
                state.scheduled.append((item.event, now + item.after, cause))

    def _deliver(self, number: int, closing: bool = False) -> list[Delivered]:
        """Deliver scheduled events that are due, then events whose trigger now holds."""
        state = self.state
        arrived: list[Delivered] = []
        for _ in range(len(self.content.events) + len(state.scheduled) + 1):
            due = [s for s in state.scheduled if closing or s[1] <= number]
            fresh = None
            if due:
                fresh = due[0]
                state.scheduled.remove(fresh)
                event_id, _, cause = fresh
                if event_id in state.fired:
                    continue
            else:
                for event_id in self.triggered:
                    event = self.content.events[event_id]
                    if event_id not in state.fired and event.trigger is not None and self._check(
                            event.trigger, f"event:{event_id}"):
                        cause = Cause("trigger", decisions=self._feeding(event))
                        fresh = (event_id, number, cause)
                        break
            if fresh is None:
                break
            event_id, _, cause = fresh
            delivered = Delivered(event_id, number, cause)
            state.inbox.append(delivered)
            state.fired.add(event_id)
            arrived.append(delivered)
            self._apply(self.content.events[event_id].effects, Cause("event", event=event_id),
                        None)
        return arrived


    def _feeding(self, event: Event) -> tuple[tuple[str, str], ...]:
        """The decisions that set the flags or pushed up the meters an event's trigger reads,
        or that it names. A case that only had to be played (``played``) feeds nothing: the
        event follows it whatever was chosen there."""
        out: list[tuple[str, str]] = []
        for cond in walk(event.trigger):
            if isinstance(cond, MeterCond):
                pairs = self.state.meter_sources.get(cond.meter, [])
            elif isinstance(cond, FlagCond):
                pairs = self.state.flag_sources.get(cond.flag, [])
            elif isinstance(cond, ChoseCond):
                case_id, option_id = cond.chose.split("/", 1)
                pairs = [(case_id, option_id)]
            else:
                continue
            out.extend(p for p in pairs if p not in out)
        decided = {(d.case, d.option): d.number for d in self.state.decisions}
        return tuple(sorted((p for p in out if p in decided), key=decided.__getitem__))

    # ----------------------------------------------------------------- replay
    def apply(self, action: Action) -> None:
        if self.state.current != action.case:
            raise GameError(f"expected case '{self.state.current}', the action is for "
                            f"'{action.case}'")
        if action.do == "investigate":
            self.investigate(action.id)
        elif action.do == "choose":
            self.choose(action.id, action.motivation)
        else:
            raise GameError(f"unknown action '{action.do}'")

    def option_def(self, case_id: str, option_id: str) -> Option:
        case = self.content.cases[case_id]
        return next(o for o in case.options if o.id == option_id)

    def epilogue(self) -> tuple[NoteView, ...]:
        """What became of the people met, case by case, then the campaign's closing words."""
        notes: list[NoteView] = []
        for decision in self.state.decisions:
            case = self.content.cases[decision.case]
            notes.extend(self._notes(case.epilogue, f"epilogue:{case.id}"))
        notes.extend(self._notes(self.campaign.epilogue, "epilogue"))
        return tuple(notes)


def replay(content: Content, campaign_id: str, seed: int, actions: list[Action],
           lang: str = "nl") -> tuple[Game, int, str | None]:
    """Rebuild a run. Returns the game, how many actions applied, and why it stopped early."""
    game = Game(content, campaign_id, seed, lang)
    for count, action in enumerate(actions):
        try:
            game.apply(action)
        except GameError as exc:
            return game, count, str(exc)
    return game, len(actions), None
