"""Recognition: kudos, the org feed and reactions."""
