"""Plain SQLite through sqlite-utils: the store, its migrations, the data folder, settings and
the audit log.

May import: facilitator.domain and facilitator.i18n.
"""
