"""Health checks of a Prefect server: answered by any server on 127.0.0.1, cheaply."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backtax.flows import prefect_env


class Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/api/health" else 404)
        self.send_header("Content-Length", "4")
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args: Any) -> None: ...


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_repeated_health_checks_load_the_certificates_at_most_once(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's start is polled every 0.3 s: each check must not build a TLS context (a
    new HTTP client loads the certificates, about 50 ms of CPU each time)."""
    made: list[object] = []
    create = ssl.create_default_context

    def counted(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        made.append(object())
        return create(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counted)
    prefect_env.health_client.cache_clear()
    assert all(prefect_env.server_healthy(server) for _ in range(5))
    assert len(made) <= 1
