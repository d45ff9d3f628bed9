"""The terminal game: a Textual application that plays the engine through a ``Run``.

Screens live in ``screens/`` (one module per screen), reusable widgets in ``widgets/``, and all
styling in ``app.tcss``. The UI asks the engine for views and renders them; it never changes
game state itself.
"""
