"""The workshop's Textual screens: what the facilitator looks at, and the served game.

``dashboard`` (with ``widgets``, ``earlier_view``, ``presentation`` and ``plenary``) follows a
session live; ``rejoin_screen`` and ``release_screen`` ask for a rejoin code and confirm a
released name; ``served_app`` is the game as a browser runs it under ``workshop serve``. They
read the headless ``game.workshop`` (store, results, joining); nothing there imports them at
module level.
"""
