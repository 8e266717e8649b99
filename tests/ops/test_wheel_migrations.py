"""The migrations travel inside the wheel: a non-editable install (the Docker image's
`pip install .`) migrates an empty database from a directory that is not the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.core.db import create_engine, normalise_url
from server.core.ops.schema import script_location
from tests.support.boards import scratch_database

ROOT = Path(__file__).resolve().parents[2]
_PG = (
    make_url(normalise_url(os.environ.get("DATABASE_URL") or "sqlite://")).get_backend_name() == "postgresql"
)
BACKENDS = ["sqlite", "postgresql"] if _PG else ["sqlite"]


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory) -> Path:
    """The project built as a wheel from a copy of its sources (the checkout stays clean) and
    wheel_site, without its dependencies (the shared venv has them), into a directory of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for d in ("server", "realtime", "migrations"):
        shutil.copytree(ROOT / d, src / d, ignore=ignore)
    for f in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / f, src / f)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(src)],
        check=True,
        capture_output=True,
        cwd=tmp,
    )
    (wheel,) = (tmp / "dist").glob("reprally-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "migrations/env.py" in names and "migrations/script.py.mako" in names
    assert any(
        n.startswith("migrations/versions/") and n.endswith("_0001_core_scoring_loop.py") for n in names
    )
    site = tmp / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        cwd=tmp,
    )
    return site


def _run(site: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PYTHONPATH")}
    environ.update(
        PYTHONPATH=str(site),
        REPRALLY_VAR_DIR=str(cwd / "var"),
        LOG_LEVEL="warning",
        JWT_SECRET="wheel-test-" + "x" * 32,
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=120
    )


def test_the_installed_package_is_the_wheel(wheel_site, tmp_path):
    done = _run(
        wheel_site,
        tmp_path,
        "-c",
        "import server, migrations; print(server.__file__); print(migrations.__file__)",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        str(wheel_site / "server" / "__init__.py"),
        str(wheel_site / "migrations" / "__init__.py"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_wheel_migrates_an_empty_database(wheel_site, tmp_path, backend, database_url):
    base = database_url if backend == "postgresql" else "sqlite://"
    async with scratch_database(base, migrated=False) as url:
        for _ in range(2):  # the second run finds nothing to do
            done = _run(wheel_site, tmp_path, "-m", "server.cli", "migrate", DATABASE_URL=url)
            assert done.returncode == 0, done.stderr
            assert done.stdout == "database is at the latest schema\n"
            assert "Traceback" not in done.stderr
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        finally:
            await engine.dispose()
    assert version == ScriptDirectory(str(script_location())).get_current_head()
    assert not (tmp_path / "migrations").exists()  # nothing was looked for beside the working directory
