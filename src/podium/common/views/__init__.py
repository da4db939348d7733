"""Views shared by the whole site: the staff guard, the dashboard, media files."""
