"""Read-side queries of registration, shared by views, exports and the event page."""
