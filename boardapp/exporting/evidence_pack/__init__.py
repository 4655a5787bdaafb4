"""The evidence pack (the golden thread an inspector asks to see): Word (.docx) and PDF."""
