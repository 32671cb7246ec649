"""Use cases: each one a unit of work that validates input and enforces the booking rules."""
