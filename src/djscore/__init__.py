"""djscore: score Chinese essays on grassroots Party building against a YAML rubric."""

__version__ = "0.1.0"
