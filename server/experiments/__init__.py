"""Hold-out experiments: which mechanics work, measured against a hold-out group."""
