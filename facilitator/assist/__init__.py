"""Optional drafts from a local language model (plan items, easy-read, questions, summary),
with deterministic fallbacks; what is sent is decided by consent.

May import: facilitator.directory, facilitator.meetings and the layers below.
"""
