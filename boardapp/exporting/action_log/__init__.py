"""The action log: the Excel workbook, and the Word/PDF version circulated to owners."""
