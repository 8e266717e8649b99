"""RepRally backend: a small core (settings, runtime, ledger, Redis view) and one package per feature."""
