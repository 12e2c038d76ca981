"""Reference geography: England's upper-tier areas, populations, and the systems using Joined Up."""
