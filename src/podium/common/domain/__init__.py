"""Business functions shared by several apps."""
