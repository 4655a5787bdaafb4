"""The meeting workspace (issue 3): live minuting of one meeting, keyboard first, saved as typed."""

from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["MeetingWorkspace"]
