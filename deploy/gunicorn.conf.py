"""Gunicorn settings of the portal (``gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application``).

Every value can be overridden from the environment, so the same file serves a laptop
(``make run``), the benchmark (``bench/run.py``) and the production servers (systemd units
in ``deploy/``):

- ``GUNICORN_BIND`` (default ``127.0.0.1:8000``; a ``--bind`` on the command line wins);
- ``GUNICORN_WORKERS`` (default ``2 × cores + 1``, at most 16: beyond that PostgreSQL
  connections and memory grow faster than throughput);
- ``GUNICORN_THREADS`` (default 1 → the ``sync`` worker; more than 1 → ``gthread``);
- ``GUNICORN_MAX_REQUESTS`` / ``GUNICORN_MAX_REQUESTS_JITTER`` (default 5000 / 500): a worker
  is replaced after that many requests, the jitter spreads restarts so that the workers
  never restart together; this bounds the memory of a long-running worker;
- ``GUNICORN_TIMEOUT`` (default 30 s), ``GUNICORN_ACCESS_LOG`` (path or ``-``; off by default,
  nginx already logs every request), ``GUNICORN_LOG_LEVEL`` (default ``warning``).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


_cores = multiprocessing.cpu_count()

wsgi_app = "portal.wsgi:application"
bind = [b.strip() for b in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if b.strip()]
workers = max(1, _int("GUNICORN_WORKERS", min(2 * _cores + 1, 16)))
threads = max(1, _int("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"

# Load the application once in the master: workers fork with Django, templates and
# translations already imported (faster start, shared copy-on-write memory).
preload_app = True

max_requests = max(0, _int("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max(0, _int("GUNICORN_MAX_REQUESTS_JITTER", 500))
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
backlog = _int("GUNICORN_BACKLOG", 2048)

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "portal"

# Headers set by nginx in front of the app servers (deploy/nginx.conf).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Once the portal listens, say where it is and how to sign in (``make run`` sets the
    message in ``PORTAL_READY_MESSAGE``)."""
    message = os.environ.get("PORTAL_READY_MESSAGE")
    if message:
        print(message, flush=True)


def post_fork(server, worker):
    """Never share the master's database connections with a forked worker."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()
