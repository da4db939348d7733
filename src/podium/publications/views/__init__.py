"""Publication views: `public` (listing, detail); staff views live in `staff`."""
