"""Save the debrief as a report: Markdown, HTML or JSON (``game.report.render``), to a file.

The path starts in the current folder and can be edited; the file is written atomically in a
thread worker (``game.files.write_atomic``). Returns the path written, or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from game.report.formats import REPORT_FORMATS
from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from game.engine.analysis import Debrief

FORMATS = {f.name: f.title for f in REPORT_FORMATS.values()}


def default_path(campaign: str, fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"maatwerk-debrief-{campaign}.{fmt}"


def target(value: str, campaign: str, fmt: str) -> Path:
    """The file the player typed: ``~`` expanded, relative to the current folder, and a folder
    gets the default file name."""
    path = Path(value.strip()).expanduser() if value.strip() else default_path(campaign, fmt)
    if not path.is_absolute():
        path = Path.cwd() / path
    if path.is_dir():
        path = default_path(campaign, fmt, path)
    return path


class ExportScreen(Localised, ModalScreen[str | None]):
    HELP_KEY = "help_export"
    NAME_KEY = "screen_export"
    BINDINGS = [Binding("escape", "cancel", "key_cancel")]

    @dataclass
    class Written(Message):
        path: Path

    @dataclass
    class Failed(Message):
        path: Path
        error: str

    def __init__(self, report: Debrief, last: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.fmt = Path(last).suffix.lstrip(".") if last else "html"
        if self.fmt not in FORMATS:
            self.fmt = "html"
        folder = Path(last).parent if last else None
        self.start = str(default_path(report.campaign, self.fmt, folder))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-box", classes="dialog"):
            yield Static(id="export-head", classes="page-head")
            yield Static(id="export-format-label", classes="field-label")
            with RadioSet(id="export-format"):
                for fmt, name in FORMATS.items():
                    yield RadioButton(f"{name} (.{fmt})", value=fmt == self.fmt,
                                      id=f"format-{fmt}")
            yield Static(id="export-hint", classes="hint")
            yield Static(id="export-path-label", classes="field-label")
            yield Input(self.start, id="export-path")
            yield Static(id="export-status", classes="para")
            with Horizontal(classes="buttons"):
                yield Button(id="export-save", variant="primary")
                yield Button(id="export-cancel")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#export-status", Static).display = False
        self.query_one("#export-path", Input).focus()

    def relabel(self) -> None:
        self.query_one("#export-head", Static).update(f"[b]{escape(self.t('export_heading'))}[/]")
        self.query_one("#export-format-label", Static).update(self.t("export_format"))
        self.query_one("#export-hint", Static).update(escape(self.t("export_hint")))
        self.query_one("#export-path-label", Static).update(self.t("export_path"))
        self.query_one("#export-save", Button).label = self.t("export_save")
        self.query_one("#export-cancel", Button).label = self.t("key_cancel")

    @on(RadioSet.Changed, "#export-format")
    def _format(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "format-html").removeprefix("format-")
        self.fmt = fmt
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix.lstrip(".") in FORMATS:  # keep the name, follow the format
            field.value = str(path.with_suffix("." + fmt))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-save")
    def action_save(self) -> None:
        path = target(self.query_one("#export-path", Input).value, self.report.campaign,
                      self.fmt)
        status = self.query_one("#export-status", Static)
        status.update(escape(self.t("export_writing", path=str(path))))
        status.remove_class("-error")
        status.display = True
        self.query_one("#export-save", Button).disabled = True
        self.write(path, self.fmt)

    @work(thread=True, exclusive=True, group="export")
    def write(self, path: Path, fmt: str) -> None:
        """Render and write off the event loop; the result arrives as a message."""
        from game.report import render
        from game.files import write_atomic

        try:
            write_atomic(path, render(self.report, fmt), private=False)
        except OSError as exc:
            self.post_message(self.Failed(path, exc.strerror or str(exc)))
            return
        self.post_message(self.Written(path))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.dismiss(str(message.path))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        status = self.query_one("#export-status", Static)
        status.update(escape(self.t("export_failed", path=str(message.path),
                                    error=message.error)))
        status.add_class("-error")
        self.query_one("#export-save", Button).disabled = False
        self.query_one("#export-path", Input).focus()

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
