"""Users, roles, memberships, permission checks, sign-in, API tokens and the audit log."""
