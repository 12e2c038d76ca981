"""Reference geography: England's upper-tier areas, their populations, and the systems using Joined Up."""
