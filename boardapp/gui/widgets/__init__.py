"""Small custom-drawn widgets and delegates (QPainter only, no chart library)."""
