"""What faces people: forms, filters, feeds for events."""
