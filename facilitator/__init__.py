"""facilitator: the meeting leader's instrument for open-dialogue action-plan meetings."""

__version__ = "0.1.0"
