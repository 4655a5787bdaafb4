"""Shared by every document: the Word, PDF and HTML backends with their styles, fonts and metadata, text
helpers, the atomic write behind every export (`output.py`), and reading a written file back."""
