"""Registration benchmark: concurrent registrations over real HTTP never oversell (see ``__main__``)."""
