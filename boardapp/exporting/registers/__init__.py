"""Registers published as Excel workbooks: declarations of interest and the attendance record."""
