"""What can stop an export, each with a message written for the clerk (the CLI and GUI show str(exc))."""

from __future__ import annotations

import datetime as dt


class ExportError(Exception):
    """Base of every export failure; nothing has been written when one is raised."""


class BoardNotFound(ExportError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        listed = "\n".join(f"  {board}" for board in known) or "  (there are no boards yet)"
        super().__init__(f"No board is called {name!r}. The boards are:\n{listed}")


class MeetingNotFound(ExportError):
    def __init__(self, board: str, day: dt.date | None, nearby: list[str], detail: str = "") -> None:
        self.board = board
        self.day = day
        self.nearby = nearby
        what = detail or f"{board} has no meeting on {day.isoformat() if day else 'that date'}."
        listed = "\n".join(f"  {line}" for line in nearby)
        hint = f" Its meetings nearest that date:\n{listed}" if nearby else " It has no meetings yet."
        super().__init__(what + hint)


class OutputNotWritable(ExportError):
    pass


class ExemptTextLeak(ExportError):
    """The public version would show text of an exempt (Part II) item; nothing was written."""

    def __init__(self, where: str, sentences: list[str], sources: list[str] | None = None) -> None:
        self.where = where
        self.sentences = sentences
        self.sources = sources or []
        named = [f" – from {source}" for source in self.sources] + [""] * len(sentences)
        shown = "\n".join(f"  “{_shorten(s)}”{n}" for s, n in zip(sentences[:3], named, strict=False))
        more = f"\n  ... and {len(sentences) - 3} more" if len(sentences) > 3 else ""
        super().__init__(
            f"The public version was not written: {where} contains text of exempt (Part II) business:\n"
            f"{shown}{more}\nIf this text also belongs in a public item, reword it there; otherwise "
            f"check which item it was minuted under."
        )


def _shorten(text: str, limit: int = 100) -> str:
    text = "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
