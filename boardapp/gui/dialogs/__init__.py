"""Dialogs: small, modal, each for one decision the user must make."""
