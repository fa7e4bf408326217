"""`djscore diff OLD NEW`: compare two drafts (or saved JSON results)."""

from __future__ import annotations

from . import app  # noqa: F401 - commands are registered on the shared app
