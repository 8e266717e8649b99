"""Office TVs: displays paired with a short code, their revocable tokens and their presence."""
