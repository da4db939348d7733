"""What registration shows people: forms, filters, tables and exporters."""
