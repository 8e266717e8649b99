"""Rewards: a catalog of prizes reps redeem with their points, approved or refunded by an admin."""
