"""Workshops: a facilitator runs a session for a room of participants.

This package is headless: nothing in it imports Textual when it is imported. ``store`` keeps
the results (SQLite or PostgreSQL), ``recorder`` writes each decision as it is made,
``participant`` joins or rejoins a session, ``results`` and ``comparison`` turn the rows into
the group's figures, ``export`` writes them out, and ``serve`` puts the game in a browser
(``gameprocess`` and ``forkserver`` start the games; the fork server imports Textual only in
the process that runs them). The screens the facilitator looks at live in
``game.ui.workshop``.
"""
