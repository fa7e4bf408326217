"""Tools for writing rubrics: `rubric lint` (lint), `rubric suggest` (suggest), the template
`rubric init` writes (template). They use the matcher, so they stand above scoring."""
