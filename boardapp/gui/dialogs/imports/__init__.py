"""The pieces of the import preview dialogs (issue 13: import_dialog.py split).

`importers` (the plan and action-log importers), `preview_models` (problems and file rows as table
models), `mapping` (the column-mapping panel), `progress` (the progress window with Cancel) and
`base` (the skeleton shared by the membership-list and minutes imports).
"""
