"""Forms of registration: the public registration form built from questions, and staff forms."""
