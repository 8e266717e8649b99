"""Fantasy leagues: drafted teams of reps in weekly head-to-head matchups, standings, playoffs."""
