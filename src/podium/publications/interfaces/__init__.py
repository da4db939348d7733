"""What faces people: filters, forms and feeds for publications."""
