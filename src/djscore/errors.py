"""The one error shape for settings the user wrote (rubric, config, rule options)."""

from __future__ import annotations


class ProblemsError(Exception):
    """Settings that cannot be used; `problems` holds one line per problem, each naming the
    file (and line, where there is one). The CLI prints them and exits with code 2."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
