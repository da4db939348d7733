"""Business actions of the archive: indexing (`indexing`), searching (`search`), asking (`ask`)."""
