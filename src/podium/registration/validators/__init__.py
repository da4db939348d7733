"""Input rules of registration, one module per model."""
