"""Event views: `public` (event pages, listing, calendar, people) and `staff` (the staff area)."""
