"""Watch rules in YAML: conditions on incidents, a quiet period, and what to do when they fire.

A rule file holds `rules:`, a list of rules; docs/watch.md gives the syntax with examples.
Parsing validates everything up front (unknown keys, bad durations, unknown event types,
unresolvable places, borders) and raises one `ConfigError` that lists every problem with its
rule and field, so a watcher never starts with a rule that cannot work.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from watchfloor.errors import ConfigError
from watchfloor.resolve.ontology import Ontology
from watchfloor.watch.geofence import Geofence, PlaceResolver

__all__ = [
    "Action",
    "Conditions",
    "ConsoleAction",
    "EmailAction",
    "FigureCondition",
    "IndicatorCondition",
    "JsonlAction",
    "Rule",
    "WebhookAction",
    "load_rules",
    "parse_duration",
    "parse_rules",
]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str | int | float) -> timedelta:
    """A duration such as "30s", "10m", "6h", "2d" (a bare number is seconds)."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        found = _DURATION.match(str(value))
        if not found:
            raise ValueError(f"{value!r} is not a duration; write e.g. 30s, 10m, 6h or 2d")
        seconds = float(found.group(1)) * _UNITS[found.group(2) or "s"]
    if seconds < 0:
        raise ValueError(f"{value!r}: a duration cannot be negative")
    return timedelta(seconds=seconds)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureCondition(_Strict):
    """A figure threshold: the role's figure is at least `at_least`.

    `by: combined` (default) compares the low bound of the combined range (every source agrees
    on at least that many); `by: any_source` holds when any one source's low bound reaches it.
    """

    role: str
    at_least: int = Field(ge=0)
    by: Literal["combined", "any_source"] = "combined"


class IndicatorCondition(_Strict):
    """An indicator flag: a figure that contradicts its latest accepted range (`contradiction`)
    or moves its floor beyond the indicator's threshold (`change`)."""

    id: str
    on: tuple[Literal["contradiction", "change"], ...] = ("contradiction", "change")

    @field_validator("id")
    @classmethod
    def _known(cls, value: str) -> str:
        from watchfloor.resolve.indicators import load_indicators

        if value not in {i.id for i in load_indicators()}:
            raise ValueError(f"unknown indicator {value!r}; `watchfloor indicators list`")
        return value


class Conditions(_Strict):
    """What an incident must satisfy; every given condition must hold (AND)."""

    event_types: tuple[str, ...] = Field(default=(), alias="type")
    actors: tuple[str, ...] = ()
    within: dict[str, Any] | None = None
    precision: Literal["facility", "town", "district", "governorate", "country"] = "district"
    figures: tuple[FigureCondition, ...] = ()
    min_origins: int | None = Field(default=None, ge=1)
    figure_rising: str | None = None
    new_incident: bool = False
    indicator: IndicatorCondition | None = None  # a rule on an indicator, not on incidents

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("event_types", "actors", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class ConsoleAction(_Strict):
    """Print the alert on the watcher's console."""

    type: Literal["console"]


class JsonlAction(_Strict):
    """Append the alert as one JSON line to a file."""

    type: Literal["jsonl"]
    path: Path


class WebhookAction(_Strict):
    """POST the alert as JSON, signed with HMAC-SHA256, retrying with exponential backoff."""

    type: Literal["webhook"]
    url: str = Field(pattern=r"^https?://")
    secret_env: str | None = None  # name of the environment variable holding the secret
    retries: int = Field(default=3, ge=0, le=10)
    backoff: timedelta = timedelta(seconds=1)
    timeout: timedelta = timedelta(seconds=10)

    @field_validator("backoff", "timeout", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> timedelta:
        return value if isinstance(value, timedelta) else parse_duration(value)


class EmailAction(_Strict):
    """Send the alert by SMTP."""

    type: Literal["email"]
    to: tuple[str, ...] = Field(min_length=1)
    sender: str = Field(alias="from")
    host: str = "127.0.0.1"
    port: int = Field(default=25, gt=0, lt=65536)
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    subject: str = "[watchfloor] {rule}: {event_type} at {place}"
    timeout: timedelta = timedelta(seconds=10)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("to", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("timeout", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> timedelta:
        return value if isinstance(value, timedelta) else parse_duration(value)


Action = Annotated[
    ConsoleAction | JsonlAction | WebhookAction | EmailAction, Field(discriminator="type")
]


class Rule(_Strict):
    """One watch rule: its id, conditions, quiet period and actions."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
    description: str = ""
    when: Conditions = Conditions()
    quiet: timedelta = timedelta(0)
    actions: tuple[Action, ...] = Field(default=(ConsoleAction(type="console"),), min_length=1)
    geofence: Geofence | None = Field(default=None, exclude=True)

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    @field_validator("quiet", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> timedelta:
        return value if isinstance(value, timedelta) else parse_duration(value)

    @field_validator("actions", mode="before")
    @classmethod
    def _actions(cls, value: Any) -> Any:
        # `- console` is shorthand for `- {type: console}`.
        if isinstance(value, list):
            return [{"type": v} if isinstance(v, str) else v for v in value]
        return value


def _problems(exc: ValidationError, where: str) -> list[str]:
    out = []
    for error in exc.errors():
        path = ".".join(str(p) for p in error["loc"])
        out.append(f"{where}{'.' + path if path else ''}: {error['msg']}")
    return out


def _check(rule: Rule, ontology: Ontology, resolve_place: PlaceResolver | None) -> Rule:
    problems = [
        f"rule {rule.id}: when.type: unknown event type {code!r}"
        for code in rule.when.event_types
        if code not in ontology
    ]
    if problems:
        raise ConfigError("; ".join(problems))
    if rule.when.within is None:
        return rule
    try:
        fence = Geofence.from_spec(rule.when.within, resolve_place)
    except ConfigError as exc:
        raise ConfigError(f"rule {rule.id}: {exc.message}") from None
    return rule.model_copy(update={"geofence": fence})


def parse_rules(
    data: Any, *, source: str = "rules", resolve_place: PlaceResolver | None = None
) -> list[Rule]:
    """Validate the parsed YAML of a rule file into rules; one ConfigError lists every problem."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError("a rule file is a mapping with a `rules:` list", source=source)
    ontology = Ontology.load()
    rules: list[Rule] = []
    problems: list[str] = []
    for index, entry in enumerate(data["rules"]):
        where = f"rules[{index}]" + (f" ({entry.get('id')})" if isinstance(entry, dict) else "")
        try:
            rule = Rule.model_validate(entry)
            rules.append(_check(rule, ontology, resolve_place))
        except ValidationError as exc:
            problems.extend(_problems(exc, where))
        except ConfigError as exc:
            problems.append(exc.message)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            problems.append(f"rule id {rule.id!r} is used twice; ids key the fired-alert record")
        seen.add(rule.id)
    if problems:
        raise ConfigError("invalid watch rules: " + "; ".join(problems), source=source)
    return rules


def load_rules(path: Path, *, resolve_place: PlaceResolver | None = None) -> list[Rule]:
    """Read and validate a YAML rule file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the rule file: {exc.strerror}", source=str(path)) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", source=str(path)) from None
    return parse_rules(data, source=str(path), resolve_place=resolve_place)
