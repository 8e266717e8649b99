"""The image and the compose stack, checked as files (no Docker engine runs here): a multi-stage
Dockerfile from the lock file on a pinned base image, run as an unprivileged user with a
HEALTHCHECK; a .dockerignore; one image for every process, each with a healthcheck, started in
order (the database and Redis healthy, the migrations done)."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.ops.support import ROOT

APP = ("api", "realtime", "worker")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined, comments dropped)."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_the_dockerfile_is_multi_stage_on_a_pinned_base():
    steps = instructions()
    args = dict(rest.split("=", 1) for word, rest in steps if word == "ARG" and "=" in rest)
    stages = [rest for word, rest in steps if word == "FROM"]
    assert len(stages) == 2 and stages[0].endswith("AS build") and stages[1].endswith("AS runtime")
    for stage in stages:
        image = stage.split()[0].replace("${PYTHON_IMAGE}", args.get("PYTHON_IMAGE", ""))
        name, _, tag = image.partition(":")
        assert name == "python" and re.fullmatch(r"3\.\d+\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", tag), image
    # the runtime stage takes the built virtualenv, not the build tools
    runtime = steps[[i for i, (w, _) in enumerate(steps) if w == "FROM"][1] :]
    assert ("COPY", "--from=build /opt/venv /opt/venv") in runtime
    assert not any(w == "RUN" and "uv" in r.split() for w, r in runtime)


def test_dependencies_come_from_the_lock_file():
    steps = instructions()
    runs = [rest for word, rest in steps if word == "RUN"]
    assert any(re.fullmatch(r"pip install --no-cache-dir uv==[\d.]+", r) for r in runs)  # a pinned uv
    syncs = [r for r in runs if r.startswith("uv sync")]
    assert syncs and all("--frozen" in r for r in syncs)  # exactly the lock: never re-resolved
    assert "--no-editable" in syncs[-1]  # the project as a regular package (its migrations inside)
    assert any(w == "COPY" and "uv.lock" in r.split() for w, r in steps)
    assert not any("pip install" in r and "uv==" not in r for r in runs)


def test_the_lock_names_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    locked = {p["name"] for p in lock["package"]}
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    names = {re.split(r"[\[<>=!~; ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in wanted}
    assert names - locked == set(), "run `uv lock` after changing pyproject.toml"


def test_the_image_runs_unprivileged_with_a_healthcheck():
    steps = instructions()
    users = [rest for word, rest in steps if word == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    health = [rest for word, rest in steps if word == "HEALTHCHECK"]
    assert len(health) == 1 and "/readyz" in health[0] and "CMD" in health[0]
    assert steps[-1][0] == "CMD"


def test_dockerignore_keeps_local_state_out():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".venv", "var", ".git", "**/__pycache__"} <= ignored


def test_compose_runs_one_image_with_healthchecks_in_order():
    services = compose()["services"]
    images = {services[name]["image"] for name in (*APP, "migrate")}
    assert len(images) == 1  # one image for every process
    for name in (*APP, "migrate"):
        assert services[name]["build"] == "."
    assert services["migrate"]["command"][:2] == ["reprally", "migrate"]
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in APP:
        s = services[name]
        assert s["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }, name
        test = s["healthcheck"]["test"]
        assert test[0] == "CMD", name
    assert "http://127.0.0.1:8000/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8001/readyz" in " ".join(services["realtime"]["healthcheck"]["test"])
    assert services["worker"]["healthcheck"]["test"] == ["CMD", "reprally", "worker", "--check"]
    assert services["api"]["environment"]["REQUIRE_WORKER"] == "true"  # a worker always runs here
    assert services["proxy"]["depends_on"] == {
        "api": {"condition": "service_healthy"},
        "realtime": {"condition": "service_healthy"},
    }
    for name in ("postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name
