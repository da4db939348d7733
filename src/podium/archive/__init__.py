"""The archive: search every word said at every event, and answer questions with verified quotes."""
