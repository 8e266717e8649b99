"""One module per source: how it signs, what it sends, how its objects are read again."""
