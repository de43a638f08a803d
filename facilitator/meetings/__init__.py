"""A meeting held with the citizen: people and invitees, the register of meetings and their
topics, the session (turns and notes), the plan and its versions, consent, follow-up (Siden
sidst), the closing round and the measures the citizen owns.

May import: facilitator.storage, facilitator.domain, facilitator.i18n.
"""
