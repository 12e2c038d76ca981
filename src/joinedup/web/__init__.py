"""The web interface: GOV.UK-styled pages and the JSON API, over the capabilities' services."""
