"""Workshops: a facilitator runs a session for a room of participants.

``store`` keeps the results (SQLite), ``recorder`` writes each decision as it is made,
``participant`` joins or rejoins a session, ``results`` turns the rows into the group's
figures, ``export`` writes them out, ``serve`` puts the game in a browser, and ``dashboard``
(with ``widgets``, ``presentation`` and ``plenary``) is what the facilitator looks at;
``rejoin_screen`` and ``release_screen`` ask for a rejoin code and confirm a released name.
Only the dashboard modules and those two screens import Textual.
"""
