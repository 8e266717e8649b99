"""The habit loop: streaks, daily missions and badges, hooked into the activity path."""
