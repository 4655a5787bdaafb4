"""Agendas and minutes: their document models, the builders that fill them, and the export use cases."""
