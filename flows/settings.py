"""One settings object for the flows: defaults, then `<home>/backtax.toml`, then `BACKTAX_*`.

Command-line options override all three (`Settings.with_overrides`). A misspelt key, a
bad value or a file that is not TOML is refused with one line (`SettingsError`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from backtax.extractors.settings import ExtractSettings
from backtax.flows.home import resolve_home
from backtax.flows.workers import Limits

CONFIG_FILE = "backtax.toml"


class SettingsError(ValueError):
    """Settings that cannot be used, said in one line."""


def _one_line(exc: ValidationError, where: str, known: list[str]) -> SettingsError:
    parts = []
    for error in exc.errors():
        name = ".".join(str(x) for x in error["loc"]) or "settings"
        if error["type"] == "extra_forbidden":
            parts.append(f"unknown setting {name!r} (known: {', '.join(known)})")
        else:
            parts.append(f"{name} = {error.get('input')!r}: {error['msg']}")
    return SettingsError(f"{where}: {'; '.join(parts)}")


class Settings(BaseSettings):
    """Where files go, when the nightly batch runs, how many workers, how OCR reads."""

    model_config = SettingsConfigDict(
        env_prefix="BACKTAX_", extra="forbid", validate_assignment=True
    )

    home: Path = Field(default_factory=resolve_home)
    inbox: Path | None = None
    """The watched folder; default `<home>/inbox`."""
    output: Path | None = None
    """Where batch reports go; default `<home>/reports`."""
    database: Path | None = None
    """The results store; default `<home>/backtax.sqlite`."""
    schedule: str = "0 2 * * *"
    """Cron of the scheduled batch (default nightly at 02:00)."""
    timezone: str = "UTC"
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    """Documents extracted at once (OCR is CPU bound: one per core)."""
    task_runner: Literal["thread", "process"] = "thread"
    """Threads by default (Tesseract runs as a subprocess); processes need a Prefect server."""
    ocr_dpi: int = Field(default=300, ge=72, le=1200)
    ocr_lang: str = "eng"
    watch_polling: bool = False
    """Poll the inbox instead of waiting for file events: needed on NFS and SMB shares."""
    poll_interval: float = Field(default=2.0, gt=0)
    settle_seconds: float = Field(default=2.0, ge=0)
    """A file must keep the same size and time this long before it is taken."""
    stall_seconds: float = Field(default=300.0, ge=0)
    """A file that stopped changing without the end its kind has (a stalled copy) waits this
    much longer before it is taken as it is."""
    create_inbox: bool = False
    """Create a missing inbox given by name (the default `<home>/inbox` is always created)."""
    follow_links: bool = False
    """Read symbolic and hard links that lead outside the folder (refused by default)."""
    limit_seconds_per_page: float = Field(default=300.0, gt=0)
    """Time a worker may take for each page of a file, at most `limit_seconds_per_file`."""
    limit_seconds_per_file: float = Field(default=3600.0, gt=0)
    limit_memory_mb: int = Field(default=3072, ge=256)
    """Address space of a worker process (its OCR processes and Tesseract included)."""
    retention_days: int | None = Field(default=None, ge=0)
    """Days kept originals stay in processed/ and quarantine/ (None: kept until purged)."""
    server_port: int = 4205
    """Port of the local Prefect server that `backtax serve` starts when none is configured."""
    server_idle_minutes: float = Field(default=30.0, ge=0)
    """How long the Prefect server kept under the home for `run` and `watch` outlives its last
    use (`flows/home_server.py`); 0: none kept, Prefect's ephemeral server for each command."""
    report_pdf: bool = True
    """Print each case report to a PDF beside its HTML (needs Chromium: `flows/pdf.py`)."""
    log_level: str = "WARNING"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not an IANA time zone (e.g. America/Chicago)") from None
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment first: it overrides the file's values, which `load` passes as init.
        return (env_settings, init_settings)

    @classmethod
    def load(cls, home: Path | str | None = None, **overrides: Any) -> Settings:
        """Settings for `home` (see `resolve_home`), with `overrides` (not None) on top."""
        root = resolve_home(home)
        named = os.environ.get("BACKTAX_CONFIG")
        path = Path(named or root / CONFIG_FILE)
        if named and not path.is_file():
            raise SettingsError(
                f"BACKTAX_CONFIG names {path}, which is not a file: fix the path or unset it"
            )
        try:
            from_file = tomllib.loads(path.read_text()) if path.is_file() else {}
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path} is not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path} cannot be read: {exc}") from None
        known = sorted(n for n in cls.model_fields if n != "home")
        if "home" in from_file:
            raise SettingsError(f"{path}: 'home' is chosen by --home or BACKTAX_HOME, not the file")
        try:
            settings = cls(**{**from_file, "home": root})
        except ValidationError as exc:
            raise _one_line(exc, f"{path} or BACKTAX_* variables", known) from None
        return settings.with_overrides(home=root, **overrides)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given values (e.g. from the command line) on top, validated."""
        copy = self.model_copy()
        try:
            for name, value in overrides.items():
                if value is not None:
                    setattr(copy, name, value)  # validated (validate_assignment), env not read
        except ValidationError as exc:
            raise _one_line(exc, "options", sorted(type(self).model_fields)) from None
        return copy

    @property
    def inbox_dir(self) -> Path:
        return (self.inbox or self.home / "inbox").expanduser().resolve()

    @property
    def reports_dir(self) -> Path:
        return (self.output or self.home / "reports").expanduser().resolve()

    @property
    def database_path(self) -> Path:
        return (self.database or self.home / "backtax.sqlite").expanduser().resolve()

    def folder(self, name: str) -> Path:
        """`processing`, `processed`, `quarantine` or `prefect` under the home, created."""
        path = self.home / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def work_limits(self) -> Limits:
        return Limits(
            self.limit_seconds_per_page, self.limit_seconds_per_file, self.limit_memory_mb
        )

    def extract_settings(self, *, ocr_workers: int = 0) -> ExtractSettings:
        return ExtractSettings(dpi=self.ocr_dpi, lang=self.ocr_lang, ocr_workers=ocr_workers)
