"""Reminders: email about what falls due, sent once, and a personal calendar feed."""
