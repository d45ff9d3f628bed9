"""Content: the schema of case, event and campaign files, the loader and the cross-checks.

No UI here, and nothing that runs content as code.
"""

from __future__ import annotations

from pathlib import Path

from game.content.cascade import fold, ordered
from game.content.checks import check
from game.content.loader import Content, Origin, load
from game.content.models import Campaign
from game.content.text import LocalText

OWN_CAMPAIGN = "eigen"
DEFAULT_CAMPAIGN = "veenstede"


def pick_campaign(content: Content, wanted: str | None) -> str | None:
    """The campaign to play: the one asked for (None when the content has no such campaign),
    else the default campaign, else the first by id; None when there are none."""
    if wanted:
        return wanted if wanted in content.campaigns else None
    if DEFAULT_CAMPAIGN in content.campaigns:
        return DEFAULT_CAMPAIGN
    return next(iter(sorted(content.campaigns)), None)


def load_content(extra: list[Path] | None = None, builtin: Path | None = None,
                 checks: bool = True) -> Content:
    """The shipped scenarios plus a facilitator's own folders, checked.

    Cases in the own folders that no campaign lists are gathered in a campaign 'eigen', with
    the meters of the first shipped campaign, so a facilitator can play them at once.
    """
    from game.paths import scenarios_dir

    content = load([builtin or scenarios_dir()], extra)
    _own_campaign(content)
    if checks:
        content.diagnostics.extend(check(content))
        fold(content)
    content.diagnostics = ordered(content.diagnostics, content)  # causes first, everywhere
    return content


def _own_campaign(content: Content) -> None:
    listed = {x for camp in content.campaigns.values() for x in camp.cases}
    own = [cid for cid in content.cases
           if content.origins[("case", cid)].extra and cid not in listed]
    if not own or OWN_CAMPAIGN in content.campaigns:
        return
    own = _after_what_they_recall(content, own)
    base = next((c for c in content.campaigns.values()
                 if not content.origins[("campaign", c.id)].extra), None)
    campaign = Campaign(
        id=OWN_CAMPAIGN,
        title=LocalText(nl="Eigen casussen", en="Own cases"),
        description=LocalText(nl="Casussen uit je eigen map.", en="Cases from your own folder."),
        intro=LocalText(nl="Je speelt de casussen uit je eigen map.",
                        en="You are playing the cases from your own folder."),
        meters=base.meters if base else [], hours_per_case=base.hours_per_case if base else 4,
        backlog_meter=base.backlog_meter if base else None, cases=own)
    content.campaigns[OWN_CAMPAIGN] = campaign
    first = content.origins[("case", own[0])]
    content.origins[("campaign", OWN_CAMPAIGN)] = Origin(first.path, first.index, ("__none__",),
                                                         True)


def _after_what_they_recall(content: Content, own: list[str]) -> list[str]:
    """Own cases by file name, except that a case comes after the cases it refers to
    (``chose``, ``played``, ``investigated``, ``cites``), so a ripple can reach it."""
    from game.content.checks import recalled_cases

    needs = {cid: recalled_cases(content.cases[cid]) & set(own) - {cid} for cid in own}
    order: list[str] = []
    while len(order) < len(own):
        ready = [cid for cid in own if cid not in order and needs[cid] <= set(order)]
        if not ready:  # a cycle: keep the file order for the rest
            ready = [cid for cid in own if cid not in order][:1]
        order.append(ready[0])
    return order


__all__ = ["Content", "load", "load_content", "check", "ordered", "pick_campaign", "OWN_CAMPAIGN",
           "DEFAULT_CAMPAIGN"]
