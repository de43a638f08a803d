"""The meeting's vocabulary and rules, with no storage and no screen.

Records (small dataclasses), the turn model of a meeting (rounds, passes, pauses), privacy
(CPR masking, diagnosis stripping), safe text, readability (LIX), errors and the clock.
May import: the standard library and facilitator.i18n only.
"""
