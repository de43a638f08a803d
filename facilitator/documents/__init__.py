"""The plan documents (Min plan, § 141, Besøgsbrev) rendered from one snapshot of the plan,
as Markdown, HTML and PDF, with templates a municipality can override.

May import: facilitator.directory, facilitator.meetings and the layers below.
"""
