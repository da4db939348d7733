"""Business actions of the briefs app, as plain functions with keyword-only arguments."""
