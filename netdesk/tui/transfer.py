"""Import and export from inside the app: ask for a file, do the file work in a thread.

Reading and planning a 30k-row import, or writing the CSV, runs in a thread worker so the
screen stays live. The repo is only changed on the UI thread: contacts are copied into a list
before the worker starts and the planned import is applied when it comes back. Every failure
is a notification saying what went wrong, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.domain.models import Contact
from netdesk.tui.screens.dialogs import ConfirmDialog, TextPrompt

if TYPE_CHECKING:
    from netdesk.io.linkedin import ImportPlan
    from netdesk.tui.app import NetdeskApp

SKIPS_SHOWN = 3


def _typed_path(answer: str) -> Path:
    """The path as typed or pasted: quotes from drag-and-drop removed, `~` expanded."""
    return Path(answer.strip().strip("'\"")).expanduser()


def _in_thread(app: NetdeskApp, work: Callable[[], None], failed: str) -> None:
    """Run `work` in a thread; anything it raises becomes a notification starting `failed`."""

    def guarded() -> None:
        try:
            work()
        except Exception as exc:  # a worker error would otherwise end the app with a traceback
            app.call_from_thread(
                app.notify, f"{failed}: {exc}", severity="error", timeout=15, markup=False
            )

    app.run_worker(guarded, thread=True, group="transfer", exit_on_error=False)


# --- import ---------------------------------------------------------------------------------


def ask_import(app: NetdeskApp) -> None:
    def answered(answer: str | None) -> None:
        if answer:
            start_import(app, _typed_path(answer))

    app.push_screen(
        TextPrompt(
            "Import LinkedIn connections: the path to Connections.csv "
            "(people you know are updated, never overwritten).",
            "~/Downloads/Connections.csv",
        ),
        answered,
    )


def start_import(app: NetdeskApp, path: Path) -> None:
    existing: list[Contact] = list(app.repo.contacts)
    app.notify(f"Importing {path.name}…", markup=False)

    def work() -> None:
        from netdesk.io.linkedin import plan_import, read_connections

        plan = plan_import(read_connections(path), existing)
        app.call_from_thread(_apply_import, app, path, plan)

    _in_thread(app, work, f"Import of {path.name} failed")


def _apply_import(app: NetdeskApp, path: Path, plan: ImportPlan) -> None:
    app.repo.import_contacts(plan.new, plan.updates, app.now())
    lines = [f"{path.name}: {plan.summary()}."]
    lines += [f"line {s.line}: {s.reason}" for s in plan.skipped[:SKIPS_SHOWN]]
    if len(plan.skipped) > SKIPS_SHOWN:
        lines.append(f"… and {len(plan.skipped) - SKIPS_SHOWN} more skipped rows")
    app.notify("\n".join(lines), title="Imported", timeout=12, markup=False)
    refresh = getattr(app.screen, "refresh_data", None)  # every netdesk screen with data has one
    if callable(refresh):
        refresh()


# --- export ---------------------------------------------------------------------------------


def ask_export(app: NetdeskApp) -> None:
    suggested = f"~/netdesk-contacts-{app.today().isoformat()}.csv"

    def answered(answer: str | None) -> None:
        if not answer:
            return
        path = _typed_path(answer)
        if not path.exists():
            start_export(app, path)
            return
        app.push_screen(
            ConfirmDialog(f"{path} exists. Replace it?"),
            lambda yes: start_export(app, path) if yes else None,
        )

    app.push_screen(
        TextPrompt("Export all contacts as CSV: the file to write.", suggested, suggested),
        answered,
    )


def start_export(app: NetdeskApp, path: Path) -> None:
    contacts: list[Contact] = list(app.repo.contacts)

    def work() -> None:
        from netdesk.io.export import write_contacts_csv

        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                count = write_contacts_csv(contacts, out)
        except OSError as exc:
            raise OSError(f"cannot write {path}: {exc.strerror or exc}") from None
        app.call_from_thread(
            app.notify, f"Exported {count:,} contacts to {path}", title="Exported", markup=False
        )

    _in_thread(app, work, "Export failed")
