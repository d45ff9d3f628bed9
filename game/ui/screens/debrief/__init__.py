"""The end of a campaign: the debrief, in the phases of a good debriefing (PEARLS).

Eight steps, one at a time: (1) the end: what became of the people; (2) how it felt;
(3) what happened, decision by decision, with the ripples; (4) the loyalty profile against the
range that was possible; (5) the map of the four variants with the player's position and the
pros and cons of their variant; (6) the dynamics set in motion; (7) consistency between
comparable cases; (8) your own work: transfer and commitment. The three typed answers are kept in
the save (``Run.reflect``), so the report includes them; ``e`` saves the report.

Every figure comes from ``game.engine.analysis.debrief`` and the engine's standing view; these
modules only draw them: ``layout`` builds the eight pages, ``pages`` fills them, ``answers``
keeps what the player types, ``screen`` moves between the steps.
"""

from game.ui.screens.debrief.layout import STEPS
from game.ui.screens.debrief.screen import EndScreen

__all__ = ["STEPS", "EndScreen"]
