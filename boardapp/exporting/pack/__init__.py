"""The reports pack: a meeting's agenda and papers as one PDF."""
