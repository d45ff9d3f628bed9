"""The campaigns a front end can offer, and what its sources screen lists per case.

Views of the loaded content outside a run: the list to pick a campaign from, one campaign's
title and introduction, and where each of its cases comes from in the essay.
"""

from __future__ import annotations

from game.content.loader import Content
from game.engine.views import CampaignView, CaseSourcesView


def campaign_view(content: Content, campaign_id: str, lang: str) -> CampaignView:
    """A campaign as a front end shows it (in the list, or at the start of a run)."""
    campaign = content.campaigns[campaign_id]
    return CampaignView(campaign.id, campaign.title.get(lang), campaign.description.get(lang),
                        campaign.intro.get(lang),
                        sum(1 for c in campaign.cases if c in content.cases))


def find(content: Content, campaign_id: str | None, lang: str) -> CampaignView | None:
    """The campaign ``campaign_id``, or None when no such campaign is loaded."""
    if campaign_id is None or campaign_id not in content.campaigns:
        return None
    return campaign_view(content, campaign_id, lang)


def campaign_ids(content: Content) -> list[str]:
    """The ids of the loaded campaigns, sorted (for a message naming what there is)."""
    return sorted(content.campaigns)


def campaigns(content: Content, lang: str) -> list[CampaignView]:
    """Every loaded campaign, by title."""
    views = [campaign_view(content, campaign_id, lang) for campaign_id in content.campaigns]
    return sorted(views, key=lambda view: view.title)


def case_sources(content: Content, campaign_id: str, lang: str) -> tuple[CaseSourcesView, ...]:
    """The playable cases of a campaign, numbered, with their sections of the essay and the
    facilitator's notes (nothing when the campaign is not loaded)."""
    campaign = content.campaigns.get(campaign_id)
    if campaign is None:
        return ()
    out = []
    for number, case_id in enumerate((c for c in campaign.cases if c in content.cases),
                                     start=1):
        case = content.cases[case_id]
        facilitator = case.facilitator
        out.append(CaseSourcesView(
            number, case.title.get(lang), tuple(case.sources),
            facilitator.trade_offs.get(lang),
            facilitator.notes.get(lang) if facilitator.notes else None))
    return tuple(out)
