"""Business actions of registration as plain functions (see ``registration.py`` for ``register``)."""
