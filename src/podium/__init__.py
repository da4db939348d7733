"""Podium: event pages, registration and verified program briefs for policy events.

`podium.engine` is plain Python (no Django) and works on files; the Django
site lives in the other sub-packages and calls the engine.
"""

__version__ = "0.1.0"
