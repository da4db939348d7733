"""Views of the briefs app: `public` (downloads, transcript page) and `staff` (editor workflow)."""
