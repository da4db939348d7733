"""Registration: types with forms, capacity and waiting lists, approval, emails, check-in, exports."""
