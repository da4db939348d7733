"""Account views: sign in and out use Django's own views (see accounts/urls.py)."""
