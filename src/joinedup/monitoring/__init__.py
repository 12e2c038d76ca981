"""Monitor: a system's evaluation framework, its KPIs against targets, direction of travel and
statistical process control (NHS England's "Making Data Count")."""
