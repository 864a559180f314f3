# syntax=docker/dockerfile:1
# Accord: API + worker. Build: docker build -t accord .
# Run:   docker run -p 8000:8000 -v accord-data:/data -e ACCORD_DATABASE_URL=... accord
ARG BASE=python:3.11-slim

FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /venv
# The pinned versions, each checked against its hash (scripts/lock writes the lock file);
# then Accord itself without resolving anything more.
COPY requirements.lock ./
RUN /venv/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
COPY mail ./mail
RUN /venv/bin/pip install --no-deps . && /venv/bin/pip check

FROM ${BASE}
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ACCORD_DATA_DIR=/data
RUN groupadd --system --gid 10001 accord \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin accord \
    && mkdir -p /data \
    && chown accord:accord /data \
    && chmod 0700 /data
WORKDIR /app
COPY --from=build /venv /venv
COPY alembic.ini ./
COPY migrations ./migrations
USER 10001:10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["sh", "-c", "accord migrate && exec accord serve --host 0.0.0.0 --port 8000 --no-migrate"]
