"""Business actions on events: saving, publishing, speakers, partners, calendar files."""
