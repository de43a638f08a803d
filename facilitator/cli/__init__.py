"""The command line: thin click commands over the core.

May import: every core package; never facilitator.tui (the entry point hands in the app).
"""
