"""`djscore segment FILE`: the segmentation with rubric terms highlighted, for rubric authors."""

from __future__ import annotations

from . import app  # noqa: F401 - commands are registered on the shared app
