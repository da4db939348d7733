"""Read-side queries for publications."""
