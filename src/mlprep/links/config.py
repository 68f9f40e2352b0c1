"""The link check's settings and per-host bot-wall rules, read from ``linkcheck.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """The configuration file cannot be used; the check exits with code 2."""


@dataclass(frozen=True)
class HostRule:
    """A known bot wall: these statuses from this host (or its subdomains) mean 'blocked'."""

    host: str
    statuses: frozenset[int] = frozenset()
    skip: bool = False  # never fetched: always walled, listed as blocked
    reason: str = ""

    def matches(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return host == self.host or host.endswith("." + self.host)


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # extra tries for transient failures
    timeout_retries: int = 1  # extra tries after a timeout: each costs a full timeout
    retry_delay: float = 2.0  # seconds before a retry pass without Retry-After
    max_retry_after: float = 30.0  # longest Retry-After honoured; a 429 asking for more is not retried
    rate_limit_runs: int = 3  # runs in a row a URL must stay rate limited (429) to be called dead
    # LinkChecker processes at once. Each host is checked by one; within a process
    # LinkChecker's throttle sleeps under a global lock (~3 requests/s in all), so
    # hosts are spread over processes; past ~8 on 2 cores, start-up costs dominate.
    jobs: int = 8
    threads: int = 4  # checker threads in each process
    budget: float = 900.0  # seconds for the whole run
    cache_days: float = 7.0  # an 'ok' result skips refetching this long
    user_agent: str = ""  # empty: LinkChecker's own
    blocked_statuses: frozenset[int] = frozenset({401, 403, 999})
    walls: tuple[HostRule, ...] = field(default_factory=tuple)

    def wall(self, host: str) -> HostRule | None:
        return next((rule for rule in self.walls if rule.matches(host)), None)

    def with_overrides(self, **values: Any) -> Settings:
        """These settings with the given non-None values replacing them (command-line options)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_NUMBERS = {f.name for f in fields(Settings) if f.type in ("float", "int")}


def _rule(raw: Any, where: str) -> HostRule:
    if not isinstance(raw, dict) or not isinstance(raw.get("host"), str) or not raw["host"]:
        raise ConfigError(f'{where}: each [[walls]] entry needs a host = "example.org"')
    unknown = set(raw) - {"host", "statuses", "skip", "reason"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) in [[walls]]: {', '.join(sorted(unknown))}")
    statuses = raw.get("statuses", [])
    if not all(isinstance(s, int) for s in statuses):
        raise ConfigError(f"{where}: statuses of {raw['host']} must be numbers")
    return HostRule(raw["host"].lower(), frozenset(statuses), bool(raw.get("skip", False)), str(raw.get("reason", "")))


def load_settings(path: Path | None) -> Settings:
    """Settings from a TOML file; defaults when ``path`` is None."""
    if path is None:
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: {err}") from None
    check = raw.get("check", {})
    unknown = set(check) - _NUMBERS - {"user_agent", "blocked_statuses"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [check]: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in check.items():
        if key in _NUMBERS:
            if not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{path}: [check] {key} must be a number of at least 0")
            values[key] = int(value) if Settings.__dataclass_fields__[key].type == "int" else float(value)
    if "user_agent" in check:
        values["user_agent"] = str(check["user_agent"])
    if "blocked_statuses" in check:
        values["blocked_statuses"] = frozenset(int(s) for s in check["blocked_statuses"])
    walls = tuple(_rule(item, str(path)) for item in raw.get("walls", []))
    return Settings(**values, walls=walls)
