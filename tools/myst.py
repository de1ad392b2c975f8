"""The MyST configuration that both the build (docs/conf.py) and the checker (tools/checks/markup.py) use.

One constant, so that the checker parses a translation exactly as the build will: an extension enabled in one
and not the other (``substitution`` once was) lets a message mean one thing to the checker and another to
readers.
"""

from __future__ import annotations

MYST_EXTENSIONS: tuple[str, ...] = ("attrs_block", "deflist")
