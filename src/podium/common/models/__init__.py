"""Model fields shared by the apps (the common app has no tables of its own)."""
