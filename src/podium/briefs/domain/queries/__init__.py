"""Read-side queries of the briefs app, reused by views, the event page and exports."""
