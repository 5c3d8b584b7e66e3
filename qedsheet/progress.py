"""Progress on a terminal, nothing when piped."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """A one-line counter on stderr, redrawn in place, shown only on a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())

    def advance(self, what: str = "") -> None:
        self.done += 1
        if self.live:
            self.stream.write(f"\r\x1b[K{self.label} {self.done}/{self.total} {what}"[:120])
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
