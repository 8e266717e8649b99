# syntax=docker/dockerfile:1
# One image for every RepRally process; the command picks which (api, realtime, worker, migrate).
#
# Two stages: `build` installs the locked dependencies (uv.lock, exactly as locked: `--frozen`)
# and then the project itself as a regular, non-editable package (the Alembic migrations travel
# inside it, see server/core/ops/schema.py) into /opt/venv; `runtime` is the same pinned base image with
# that virtualenv, the browser clients, and no compiler, no uv, no source tree. It runs as an
# unprivileged user. Refresh the lock with `uv lock` after changing pyproject.toml
# (tests/ops/test_image.py fails when the lock misses a dependency).
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install --no-cache-dir uv==0.13.10
WORKDIR /src
# The dependencies first: this layer is rebuilt only when the lock changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-install-project
COPY server ./server
COPY realtime ./realtime
COPY migrations ./migrations
RUN uv sync --frozen --no-editable

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH REPRALLY_VAR_DIR=/app/var
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin reprally
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# The office TV page (served by the API from ./clients under the working directory).
COPY clients ./clients
RUN mkdir -p /app/var && chown reprally:reprally /app/var
USER reprally:reprally
EXPOSE 8000 8001
# The API's readiness (compose gives the game server and the worker checks of their own).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]
CMD ["reprally", "api", "--host", "0.0.0.0", "--port", "8000"]
