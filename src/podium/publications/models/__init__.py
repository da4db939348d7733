"""Models of this app, one module per table group."""
