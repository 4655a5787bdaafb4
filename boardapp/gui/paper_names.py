"""How a paper's stored location reads wherever papers are listed (meeting page, item dialog).

A paper keeps the location the clerk attached (an absolute path, a path relative to their folder, or a
web address) and that stays what opens it. Shown in full, a path is this machine's business: the
demonstration's papers would read /home/…/resources/demo/papers/…, and a frozen app its own install
folder. So lists show the file's name; a web address is shown as it is (it is the same everywhere).
"""

from __future__ import annotations

from pathlib import PureWindowsPath


def paper_place(location: str) -> str:
    """The file name of a path ("corporate-parenting.pdf"); a web address whole; "" for none."""
    location = location.strip()
    if not location or "://" in location:
        return location
    # PureWindowsPath splits on both / and \, so a path typed on Windows reads the same on any system.
    return PureWindowsPath(location).name or location


def paper_label(title: str, location: str) -> str:
    """ "Title (file.pdf)", or the title alone when there is no location or it says nothing more."""
    place = paper_place(location)
    return f"{title} ({place})" if place and place != title else title


__all__ = ["paper_label", "paper_place"]
