"""Renderers: result objects in, text out. Nothing here scores or reads inputs."""

STATUS_LABELS = {"covered": "已覆盖", "partial": "部分", "missing": "缺失"}


def display_term(term: str) -> str:
    """"党建+业务" (both words in one sentence) is shown as 党建…业务."""
    return term.replace("+", "…")
