"""The manager web admin at /admin (issue 18): server-rendered pages over the features' services."""
