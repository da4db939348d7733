"""Django management commands of registration."""
