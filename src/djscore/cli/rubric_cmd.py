"""`djscore rubric show|lint|init|suggest`: tools for rubric authors."""

from __future__ import annotations

from . import app  # noqa: F401 - commands are registered on the shared app
