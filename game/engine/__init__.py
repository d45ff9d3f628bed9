"""The engine: the rules of play over loaded content, pure and replayable.

``game`` holds ``Game``, the state machine a front end drives with ``investigate`` and
``choose``; ``state`` is the plain data of one run, rebuilt from its seed and its actions;
``conditions`` evaluates the content's conditions; ``views`` are the read-only, localised views
a front end renders; ``analysis`` computes the debrief's figures; ``phrases`` are the few
sentences the engine writes itself; ``playtest`` walks every branch for authors.

The engine reads ``game.content`` (and the shared strings) and nothing above them: no
terminal, no saves, no Textual or Rich. The import-linter contracts in ``pyproject.toml`` hold
it to that.
"""
