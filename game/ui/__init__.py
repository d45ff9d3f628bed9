"""The terminal game: a Textual application that plays the engine through a ``Run``.

Screens live in ``screens/`` (one module per screen), reusable widgets in ``widgets/``, and all
styling in ``app.tcss``. ``workshop/`` holds the workshop's screens (the facilitator's dashboard
and the served game); they share the help screen and the variant map with the game. The UI asks the engine for views and renders them; it never changes
game state itself.
"""
