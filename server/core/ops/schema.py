"""The Alembic configuration, built in code so that migrations run from any install.

The migrations are the top-level `migrations` package (with `versions/` and `script.py.mako`),
shipped in the wheel beside `server`: an editable checkout and a `pip install .` (the Docker
image) find them the same way, by import, never by a path relative to the working directory or
to this file. `alembic.ini` at the checkout's root is for developers running `alembic revision`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic.config import Config

#: What `alembic.ini` says, for the commands a developer runs from a checkout.
FILE_TEMPLATE = "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s"


def script_location() -> Path:
    """The directory of the installed `migrations` package."""
    location = Path(str(resources.files("migrations")))
    if not (location / "env.py").is_file():
        raise RuntimeError(f"the migrations package at {location} has no env.py (a broken install?)")
    return location


def alembic_config(database_url: str | None = None, *, configure_logging: bool = False) -> Config:
    """An Alembic config for the packaged migrations; `database_url` (else DATABASE_URL) is migrated."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location()))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("file_template", FILE_TEMPLATE)
    cfg.attributes["configure_logging"] = configure_logging
    if database_url:
        cfg.attributes["url"] = database_url
    return cfg
