"""What the terminal game needs from a workshop to play one participant's run.

The game knows nothing of the workshop's results store. The workshop hands the app a ticket;
once the content is loaded the app asks the ticket to join, and plays the run it gets back. The
troubles a join can meet are these plain exception types, so the app can tell a person what
went wrong (``message(lang)``) and ask for a rejoin code when a pseudonym is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from game.content import Content
    from game.run import Run


class RoomError(Exception):
    """The session cannot be joined, or a result not recorded. ``passing``: the trouble may
    pass by itself (the store cannot be reached for now), so joining again later may work."""

    passing = False

    def message(self, lang: str = "nl") -> str:
        """What went wrong, for a person, in ``lang``."""
        return str(self)


class NameTaken(RoomError):
    """The pseudonym is taken in this session and no, or a wrong, rejoin code was given."""


class JoinedRun(Protocol):
    """A participant's run, joined: play ``run``; tell the player ``messages``."""

    @property
    def run(self) -> Run: ...

    @property
    def campaign(self) -> str: ...

    @property
    def messages(self) -> list[tuple[str, dict[str, Any]]]:
        """(interface string key, its values): a rejoin code, a partial replay, ..."""
        ...

    @property
    def seat(self) -> tuple[str, str] | None:
        """The pseudonym and its rejoin code, for the game to keep in view; None without a
        code (the facilitator's plenary run)."""
        ...


class Ticket(Protocol):
    """A seat in a workshop session, to be taken once the content is loaded."""

    def join(self, content: Content, lang: str | None = None,
             on_error: Callable[[RoomError], None] | None = None) -> JoinedRun:
        """Join, or rejoin, the session; ``on_error`` hears of decisions not recorded.
        Raises ``NameTaken`` or another ``RoomError``."""
        ...

    def with_rejoin(self, code: str) -> Ticket:
        """The same seat, claimed with the rejoin code shown when the pseudonym first joined."""
        ...
