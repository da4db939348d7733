"""Views of registration: ``public`` (form, manage link) and ``staff`` (lists, approval, check-in, forms)."""
