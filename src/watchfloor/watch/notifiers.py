"""Where alerts go: the console, a JSON Lines file, a signed webhook, an email.

Each notifier's `send(alert)` either delivers or raises `NotifyError`; the engine records an
alert as fired once at least one of its rule's actions delivered it.

The webhook body is the alert as compact JSON (sorted keys). Its signature header is
``X-Watchfloor-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes>`` keyed with the
secret named by `secret_env`, so a receiver can check both origin and integrity; the
``X-Watchfloor-Delivery`` header carries the alert's fingerprint, which stays the same across
retries so the receiver can drop duplicates.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol, TextIO

import httpx

from watchfloor.errors import ConfigError, NotifyError
from watchfloor.watch.rules import Action, ConsoleAction, EmailAction, JsonlAction, WebhookAction

__all__ = [
    "SIGNATURE_HEADER",
    "ConsoleNotifier",
    "EmailNotifier",
    "JsonlNotifier",
    "Notifier",
    "NotifyError",
    "WebhookNotifier",
    "build_notifier",
    "describe",
    "sign",
]

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Watchfloor-Signature-256"
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class Notifier(Protocol):
    """Delivers alerts (plain JSON-ready dicts) somewhere."""

    def send(self, alert: dict[str, Any]) -> None:
        """Deliver one alert or raise NotifyError."""


def _body(alert: dict[str, Any]) -> bytes:
    return json.dumps(alert, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign(secret: bytes, body: bytes) -> str:
    """The signature header's value for a body: "sha256=" + hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def describe(alert: dict[str, Any]) -> str:
    """One line for people: rule, type, place, date, figures, origins."""
    inc = alert["incident"]
    figures = ", ".join(
        f"{f['role']} {f['low']}" + ("+" if f["high"] is None else f"-{f['high']}")
        for f in inc["figures"]
    )
    return (
        f"[{alert['rule']}] {inc['event_type']} at {inc['place'] or 'unknown place'} "
        f"({inc['start'] or 'undated'}); {figures or 'no figures'}; "
        f"{inc['independent_origins']} independent origin(s); {'; '.join(alert['reasons'])} "
        f"— {inc['id']}"
    )


class ConsoleNotifier:
    """Writes one line per alert to a text stream."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def send(self, alert: dict[str, Any]) -> None:
        """Print the alert's line."""
        self.stream.write(describe(alert) + "\n")
        self.stream.flush()


class JsonlNotifier:
    """Appends each alert as one JSON line to a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, alert: dict[str, Any]) -> None:
        """Append the alert."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(_body(alert).decode() + "\n")
        except OSError as exc:
            raise NotifyError(f"cannot append to {self.path}: {exc.strerror}") from exc


class WebhookNotifier:
    """POSTs each alert as signed JSON, retrying errors and 5xx/429 with exponential backoff."""

    def __init__(
        self,
        action: WebhookAction,
        *,
        secret: bytes | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.action = action
        self.secret = secret
        self.transport = transport
        self.sleep = sleep

    def send(self, alert: dict[str, Any]) -> None:
        """POST the alert; NotifyError once every attempt failed."""
        body = _body(alert)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "watchfloor-watch/1",
            "X-Watchfloor-Delivery": str(alert.get("fingerprint", "")),
        }
        if self.secret is not None:
            headers[SIGNATURE_HEADER] = sign(self.secret, body)
        timeout = self.action.timeout.total_seconds()
        delay = self.action.backoff.total_seconds()
        problem = ""
        with httpx.Client(transport=self.transport, timeout=timeout) as client:
            for attempt in range(self.action.retries + 1):
                if attempt:
                    # Exponential backoff: backoff, 2×backoff, 4×backoff, ...
                    self.sleep(delay * 2 ** (attempt - 1))
                try:
                    response = client.post(self.action.url, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    problem = f"{exc.__class__.__name__}: {exc}"
                    continue
                if response.is_success:
                    return
                problem = f"HTTP {response.status_code}"
                if response.status_code not in _RETRY_STATUS:
                    break  # a 4xx other than 408/425/429 will not improve by retrying
        raise NotifyError(
            f"webhook {self.action.url} failed after {attempt + 1} attempt(s): {problem}"
        )


class EmailNotifier:
    """Sends each alert as a plain-text email over SMTP."""

    def __init__(self, action: EmailAction, *, password: str | None = None) -> None:
        self.action = action
        self.password = password

    def send(self, alert: dict[str, Any]) -> None:
        """Send the alert; NotifyError on any SMTP or connection failure."""
        inc = alert["incident"]
        message = EmailMessage()
        message["From"] = self.action.sender
        message["To"] = ", ".join(self.action.to)
        message["Subject"] = self.action.subject.format(
            rule=alert["rule"], event_type=inc["event_type"], place=inc["place"] or "unknown"
        )
        message.set_content(
            describe(alert) + "\n\n" + json.dumps(alert, indent=2, ensure_ascii=False)
        )
        a = self.action
        try:
            with smtplib.SMTP(a.host, a.port, timeout=a.timeout.total_seconds()) as smtp:
                if a.starttls:
                    smtp.starttls()
                if a.username:
                    smtp.login(a.username, self.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise NotifyError(f"email via {a.host}:{a.port} failed: {exc}") from exc


def _env_secret(name: str | None, what: str) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if value is None:
        raise ConfigError(f"{what}: environment variable {name} is not set")
    return value


def build_notifier(
    action: Action,
    *,
    stream: TextIO,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Notifier:
    """The notifier for one rule action; secrets are read from the environment here."""
    if isinstance(action, ConsoleAction):
        return ConsoleNotifier(stream)
    if isinstance(action, JsonlAction):
        return JsonlNotifier(action.path)
    if isinstance(action, WebhookAction):
        secret = _env_secret(action.secret_env, f"webhook {action.url}")
        return WebhookNotifier(
            action,
            secret=secret.encode() if secret is not None else None,
            transport=transport,
            sleep=sleep,
        )
    password = _env_secret(action.password_env, f"email via {action.host}")
    return EmailNotifier(action, password=password)
