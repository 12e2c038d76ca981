"""Joined Up: review and improve local health and social care systems in England."""

__version__ = "0.1.0"
