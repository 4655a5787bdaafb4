"""The one-page decision notice of a decision that has a decision record (issue 17 point 6).

    document.py  the notice as display-ready text, built from the services' reads; finding the decision
    to_docx.py   Word, in the named styles of the minutes' template
    to_pdf.py    PDF, in the minutes' fonts and styles
    export.py    export_decision_notice: the atomic write, read back before it is kept
"""
