"""Notifiers: a signed webhook to a loopback HTTP server, email to a loopback SMTP stub."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import io
import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from watchfloor.errors import ConfigError
from watchfloor.watch.notifiers import (
    SIGNATURE_HEADER,
    ConsoleNotifier,
    EmailNotifier,
    JsonlNotifier,
    NotifyError,
    WebhookNotifier,
    build_notifier,
)
from watchfloor.watch.rules import EmailAction, WebhookAction

ALERT = {
    "rule": "escape",
    "fingerprint": "f" * 32,
    "reasons": ["escaped ≥ 100 (1500)"],
    "incident": {
        "id": "inc-1",
        "event_type": "prison_escape",
        "place": "al-Shaddadi",
        "start": "2026-01-20",
        "figures": [{"role": "escaped", "low": 1500, "high": None}],
        "independent_origins": 2,
    },
}


class _Receiver(http.server.BaseHTTPRequestHandler):
    """Answers POSTs with the server's queued statuses and keeps what it received."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))  # type: ignore[attr-defined]
        statuses = self.server.statuses  # type: ignore[attr-defined]
        self.send_response(statuses.pop(0) if statuses else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture
def receiver() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.statuses = [], []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _webhook(server, **kwargs) -> WebhookAction:
    return WebhookAction(
        type="webhook", url=f"http://127.0.0.1:{server.server_port}/hook", **kwargs
    )


def test_webhook_posts_signed_json(receiver) -> None:
    WebhookNotifier(_webhook(receiver), secret=b"s3cret").send(ALERT)
    ((headers, body),) = receiver.received
    assert json.loads(body) == ALERT
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    assert headers["X-Watchfloor-Delivery"] == "f" * 32


def test_webhook_retries_with_exponential_backoff(receiver) -> None:
    receiver.statuses[:] = [503, 502]
    slept: list[float] = []
    action = _webhook(receiver, retries=3, backoff="2s")
    WebhookNotifier(action, secret=b"k", sleep=slept.append).send(ALERT)
    assert len(receiver.received) == 3 and slept == [2.0, 4.0]
    signatures = {h[SIGNATURE_HEADER] for h, _ in receiver.received}
    assert len(signatures) == 1  # the same body, signed the same, on every attempt


def test_webhook_gives_up_after_retries(receiver) -> None:
    receiver.statuses[:] = [500] * 5
    action = _webhook(receiver, retries=2, backoff=0)
    with pytest.raises(NotifyError, match="after 3 attempt"):
        WebhookNotifier(action, sleep=lambda _: None).send(ALERT)


def test_webhook_does_not_retry_client_errors(receiver) -> None:
    receiver.statuses[:] = [404]
    with pytest.raises(NotifyError, match="HTTP 404"):
        WebhookNotifier(_webhook(receiver, retries=3), sleep=lambda _: None).send(ALERT)
    assert len(receiver.received) == 1


def test_webhook_unreachable_is_notify_error() -> None:
    with socket.socket() as s:  # a loopback port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    action = WebhookAction(
        type="webhook", url=f"http://127.0.0.1:{port}/", retries=1, backoff=timedelta(0)
    )
    with pytest.raises(NotifyError, match="ConnectError"):
        WebhookNotifier(action, sleep=lambda _: None).send(ALERT)


def test_webhook_secret_env_missing_is_config_error(monkeypatch) -> None:
    monkeypatch.delenv("WF_TEST_HOOK_SECRET", raising=False)
    action = WebhookAction(
        type="webhook", url="http://127.0.0.1:1/", secret_env="WF_TEST_HOOK_SECRET"
    )
    with pytest.raises(ConfigError, match="WF_TEST_HOOK_SECRET"):
        build_notifier(action, stream=io.StringIO())


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greets, accepts one message, keeps its DATA."""

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 localhost stub")
        while line := self.rfile.readline():
            verb = line.decode().strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 localhost")
            elif verb == "DATA":
                self._say("354 go ahead")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk
                self.server.messages.append(data.decode())  # type: ignore[attr-defined]
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")


@pytest.fixture
def smtp_stub() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.messages = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_email_is_sent_over_smtp(smtp_stub) -> None:
    action = EmailAction.model_validate(
        {
            "type": "email",
            "to": "desk@example.org",
            "from": "watch@example.org",
            "host": "127.0.0.1",
            "port": smtp_stub.server_address[1],
        }
    )
    EmailNotifier(action).send(ALERT)
    (message,) = smtp_stub.messages
    assert "Subject: [watchfloor] escape: prison_escape at al-Shaddadi" in message
    assert "To: desk@example.org" in message and "inc-1" in message


def test_email_refused_connection_is_notify_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    action = EmailAction.model_validate(
        {"type": "email", "to": ["a@example.org"], "from": "w@example.org", "port": port}
    )
    with pytest.raises(NotifyError, match=r"email via 127\.0\.0\.1"):
        EmailNotifier(action).send(ALERT)


def test_console_and_jsonl_notifiers(tmp_path: Path) -> None:
    stream = io.StringIO()
    ConsoleNotifier(stream).send(ALERT)
    assert stream.getvalue().startswith("[escape] prison_escape at al-Shaddadi (2026-01-20)")
    path = tmp_path / "out" / "alerts.jsonl"
    JsonlNotifier(path).send(ALERT)
    JsonlNotifier(path).send(ALERT)
    assert [json.loads(line) for line in path.read_text().splitlines()] == [ALERT, ALERT]
