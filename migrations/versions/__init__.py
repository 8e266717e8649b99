"""One module per schema revision (file names start with the migration number)."""
