"""Management commands of registration: send_reminders, anonymise_registrations."""
