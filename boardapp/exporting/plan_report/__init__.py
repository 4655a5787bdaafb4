"""The plan progress report: Excel (.xlsx) and PDF."""
