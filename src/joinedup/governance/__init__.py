"""Boards and committees, their meetings and minutes, the oversight and engagement logs and the
risk register: how a system holds its improvement plan to account."""
