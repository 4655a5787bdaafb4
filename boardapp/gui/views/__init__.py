"""The pages shown on the right of the main window, one per kind of navigator entry."""
