"""Read-side query builders for events, shared by views, feeds and the demo."""
