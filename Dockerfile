# One image for every RepRally process; the command picks which (api, worker, realtime, migrate).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY server ./server
COPY realtime ./realtime
COPY migrations ./migrations
COPY clients ./clients
RUN pip install --no-cache-dir .
EXPOSE 8000 8001
CMD ["reprally", "api", "--host", "0.0.0.0", "--port", "8000"]
