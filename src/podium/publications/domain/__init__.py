"""Business actions on publications: saving, publishing, relating them to events."""
