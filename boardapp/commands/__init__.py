"""Headless subcommands of `boardapp`, one module per family.

Each module has `register(subparsers)` that adds its subcommands and sets `handler` on them:
`handler(home, args) -> exit status`. cli.py lists the modules; nothing else is global.
"""
