"""A TinyDB storage that never leaves a half-written file behind.

Stock `JSONStorage` rewrites the file in place and re-parses it on every query. Here the
document lives in memory, and each write goes to a temporary file that is fsynced and renamed
over the original, so a crash at any moment leaves either the old file or the new one. The
previous good file stays beside it as `<name>.bak`, and a lock file keeps a second netdesk
from writing the same database.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from tinydb.storages import Storage

from netdesk.store.compact import compact_document, stored_bytes
from netdesk.store.errors import StoreError, StoreLockedError, StoreLockFileError, StoreWriteError

Document = dict[str, Any]

SAVE_AFTER_QUIET = 0.1
"""Seconds without a change before the writer thread saves (at most SAVE_WITHIN after the first).

Serialising 30k contacts holds the interpreter for tens of milliseconds; starting at once would
hold up the frame that shows the change. Waiting for a pause lets the screen update first and
folds a burst of keypresses into one save.
"""
SAVE_WITHIN = 1.0


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable: the new directory entry survives a power cut."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def real_database(path: Path) -> Path:
    """The file a database path names: a symlink's target, resolved once at open.

    Saving renames a new file over the path; through a link that would replace the link and
    leave its target behind, and two names of one file would take two different locks.
    """
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # the target is gone, or the links go round in a loop
        target = os.path.realpath(path)
        raise StoreError(path, f"the database link points at a missing file: {target}") from None


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


TOO_DEEP = (
    "a value in it is nested too deeply (lists or objects hundreds of levels inside each "
    "other) for netdesk to save it again"
)


def parse_document(path: Path, raw: bytes) -> Document:
    """Parse and shape-check a database file, raising StoreError with the reason."""
    if not raw.strip():
        raise StoreError(path, "the file is empty (perhaps cut short by a crash)")
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if str(exc).startswith("depth limit exceeded"):
            raise StoreError(path, TOO_DEEP) from None
        raise StoreError(path, f"the file is not valid JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise StoreError(path, f"expected a JSON object of tables, found a {type(doc).__name__}")
    for name, table in doc.items():
        if not isinstance(table, dict):
            raise StoreError(path, f"table {name!r} is a {type(table).__name__}, not an object")
        for key, record in table.items():
            if not isinstance(record, dict):
                raise StoreError(path, f"record {key} in table {name!r} is not an object")
            if not is_record_key(key):
                shown = key if len(key) <= 40 else key[:39] + "…"
                raise StoreError(
                    path,
                    f"record key {shown!r} in table {name!r} is not an id: keys are whole "
                    "numbers from 1 written plainly (3, not 03, +3, ' 3' or 3.0); "
                    "renumber it by hand",
                )
    try:
        orjson.dumps(doc)  # what opens must save again: orjson writes 254 levels at most
    except orjson.JSONEncodeError:
        raise StoreError(path, TOO_DEEP) from None
    return doc


def is_record_key(key: str) -> bool:
    """True for the one spelling TinyDB gives id n (`str(n)`, n ≥ 1).

    Any other spelling of a number (`03`, `+3`, `٣`) still converts with int(), so the
    record would open, but every change is then stored under `str(n)` beside it: the edit
    seems to vanish, and `3_0` and `30` would be one record in an export.
    """
    return key.isascii() and key.isdigit() and key[0] != "0"


_TEMP_SUFFIX = re.compile(r"\d+\.\d+\.tmp")
"""What `write_atomically` puts after `.<name>.`: the pid and thread id of the save."""


def write_atomically(path: Path, payload: bytes, *, keep_backup: bool) -> None:
    """Durably replace `path` with `payload`; on any error the old file is untouched."""
    directory = path.parent
    tmp = directory / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            _link_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _link_backup(path: Path) -> None:
    """Keep the current file as .bak by hard link: no copy, and never a moment without it."""
    bak = backup_path(path)
    staging = bak.with_name(bak.name + ".new")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    try:
        try:
            os.link(path, staging)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK):
                raise
            _copy_private(path, staging)  # filesystems without hard links
        else:
            # The link shares the old file's mode, 0644 if it was copied in with `cp`; the
            # file it links is replaced next anyway. Not ours to change? Then it stays as it was.
            with contextlib.suppress(OSError):
                os.chmod(staging, 0o600)
        os.replace(staging, bak)
        # rename() does nothing when both names already link one file, as a save killed
        # between its two renames leaves the database and its backup; then drop the staging name.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def _copy_private(source: Path, target: Path) -> None:
    """Copy `source` to a new file created 0600, never readable by others even for a moment."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(source.read_bytes())
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


class FileLock:
    """An exclusive advisory lock on `<db>.lock`; the kernel drops it if the process dies."""

    def __init__(self, path: Path) -> None:
        self.db_path = path
        self.path = lock_path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        # Never through a link: that would truncate and chmod whatever file it points at.
        # O_NONBLOCK: opening a FIFO left in its place must not hang.
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise self._unusable(exc) from None
        info = os.fstat(fd)
        odd = None if stat.S_ISREG(info.st_mode) else "is not a regular file"
        if info.st_nlink > 1:  # the truncate below would empty the other name's file too
            odd = "is a hard link to another file"
        if odd:
            os.close(fd)
            raise StoreLockFileError(self.db_path, self.path, f"the lock file {self.path} {odd}")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise StoreLockedError(self.db_path, holder or "unknown") from None
        with contextlib.suppress(OSError):  # left 0666 by something else; not ours to fix
            os.fchmod(fd, 0o600)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def _unusable(self, exc: OSError) -> StoreError:
        if exc.errno == errno.ELOOP:
            return StoreLockFileError(
                self.db_path, self.path, f"the lock file {self.path} is a symbolic link"
            )
        if exc.errno in (errno.EISDIR, errno.ENXIO, errno.EOPNOTSUPP):
            return StoreLockFileError(
                self.db_path, self.path, f"the lock file {self.path} is not a regular file"
            )
        return StoreWriteError(
            self.db_path, f"cannot create the lock file {self.path}: {exc.strerror or exc}", exc
        )

    def release(self) -> None:
        # The lock file itself stays: unlinking it would let two processes lock different inodes.
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class AtomicJSONStorage(Storage):
    """In-memory document, durable atomic writes, `.bak`, and an exclusive lock.

    `write()` is what TinyDB calls after every change. With `deferred=False` it saves at once
    (CLI, tests). With `deferred=True` it only marks the document dirty and a single writer
    thread saves it: changes made while a save is in flight are folded into the next one
    (group commit), so the UI never waits on the disk. `on_status(saved, error)` reports the
    outcome from the writer thread.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        deferred: bool = False,
        lock: bool = True,
        read_only: bool = False,
        on_status: Callable[[bool, str | None], None] | None = None,
        validate: Callable[[Path, Document], None] | None = None,
        parse_later: bool = False,
        memory: bytes | None = None,
    ) -> None:
        self.path = real_database(Path(path))
        """The database file itself, never a link to it."""
        self.deferred = deferred
        self.read_only = read_only
        self.memory_only = memory is not None
        """Holds `memory` (a document's bytes) instead of the file and never saves: the
        start-up preview's storage, whose changes only last until the real one takes over."""
        self.records_checked = False
        """Set once every record of the unparsed bytes decoded and passed its checks (the
        fast loader): the document is then parsed compactly (store.compact)."""
        self.opened_stat: os.stat_result | None = None
        """The file's identity (inode, size, mtime) when its bytes were read; None if absent."""
        self.on_status = on_status
        self.on_progress: Callable[[str], None] | None = None
        """Told "pending" (in the changing thread) when a change waits for the writer thread, and
        "saving" (in the writer) when a save begins; `on_status` then says how it ended."""
        self.mutex = threading.RLock()
        """Held while the document changes and while it is serialised."""
        self._lock = FileLock(self.path) if lock else None
        self._changed = threading.Condition(self.mutex)
        self._version = 0
        self._saved_version = 0
        self._changed_at = 0.0
        self._unsaved_since: float | None = None
        """When the oldest change not in any save (begun or done) was made."""
        self._closing = False
        self._writer: threading.Thread | None = None
        self.last_error: str | None = None
        self.last_advice: str | None = None
        """After a failed save: what to do about it, fitting the failure (disk full …)."""

        self._validate = validate
        self._doc: Document | None = None
        self._unparsed: bytes | None = memory
        self._unread: BinaryIO | None = None
        """With `parse_later`, the open file, read when its bytes are first wanted (under
        the lock, so they are the bytes of `opened_stat`)."""
        if memory is not None:
            self._lock = None
            return
        if not self.path.parent.is_dir():
            raise StoreError(self.path, f"the folder {self.path.parent} does not exist")
        if self.path.exists() and not self.path.is_file():
            raise StoreError(self.path, "it is not a regular file")
        if self._lock:
            self._lock.acquire()
        try:
            if parse_later:
                self._unread = self._open_file()
            else:
                self._doc = self._parse(self._read_file())
        except BaseException:
            self.release_lock()
            raise
        if self._lock and not read_only:
            # Only the lock holder knows no save is in flight: without the lock (check, stats,
            # export) a temp file may belong to the netdesk that is saving right now.
            self._remove_stale_temp_files()
        if deferred:
            self._writer = threading.Thread(target=self._write_loop, name="netdesk-writer")
            self._writer.daemon = True
            self._writer.start()

    @property
    def unparsed(self) -> bytes | None:
        """The file's bytes while the document is not parsed yet (`parse_later`)."""
        if self._unread is not None:
            handle, self._unread = self._unread, None
            with handle:
                raw = self._read_bytes(handle)
            if raw.strip():
                self._unparsed = raw
            else:
                self._doc = self._parse(raw)  # empty: the reason, as opening says it
        return self._unparsed

    # --- TinyDB Storage interface ---------------------------------------------------------

    def read(self) -> Document:
        """The document, parsed now if it was opened with `parse_later` and not yet parsed."""
        if self._doc is None:
            with self.mutex:
                if self._doc is None:
                    raw = self.unparsed  # reading an empty file parses it (the reason)
                    if self._doc is None and self.records_checked and raw is not None:
                        self._doc = compact_document(raw)
                    elif self._doc is None:
                        self._doc = self._parse(raw)
                    self._unparsed = None
        return self._doc

    def check_writable(self) -> None:
        """Raise StoreError if this storage was opened read-only."""
        if self.read_only:
            raise StoreError(self.path, "opened read-only; nothing was written")

    def write(self, data: Document) -> None:
        self.check_writable()
        with self.mutex:
            self._doc = data
            self._version += 1
            self._changed_at = time.monotonic()
            if self._unsaved_since is None:
                self._unsaved_since = self._changed_at
            deferred = self.deferred
            if deferred:
                self._changed.notify()
        if not deferred:
            self.flush()
        elif self._writer is not None:
            self._progress("pending")

    def retry(self) -> None:
        """Save again after a failed save, with no new change (the TUI's retry key): the
        writer tries once more, and `on_status` says how that went."""
        self.write(self.read())

    def close(self) -> None:
        """Save what is pending, stop the writer and release the lock."""
        self._stop_writer()
        try:
            if self.dirty:
                self.flush()
        finally:
            self.release_lock()

    def abandon(self) -> None:
        """Stop the writer and release the lock without saving (opening the database failed)."""
        self._stop_writer()
        self.release_lock()

    def _stop_writer(self) -> None:
        if self._writer is not None:
            with self.mutex:
                self._closing = True
                self._changed.notify()
            self._writer.join()
            self._writer = None

    # --- saving ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """Counts changes made since opening."""
        return self._version

    @property
    def dirty(self) -> bool:
        """True while some change is not yet on disk."""
        return self._saved_version != self._version

    def flush(self) -> None:
        """Save the current document now, in the calling thread; raises StoreError on failure."""
        if self.memory_only:
            with self.mutex:
                self._saved_version = self._version
            return
        try:
            with self.mutex:
                version = self._version
                payload = orjson.dumps(self.read(), default=stored_bytes)
                self._unsaved_since = None  # every change so far is in this payload
        except orjson.JSONEncodeError as exc:  # text that has no UTF-8 form (a lone surrogate)
            self.last_error = f"could not save {self.path}: {exc}"
            raise StoreError(self.path, f"could not save: {exc}") from exc
        try:
            write_atomically(self.path, payload, keep_backup=True)
        except OSError as exc:
            failure = StoreWriteError(self.path, f"could not save: {exc.strerror or exc}", exc)
            self.last_error = f"could not save {self.path}: {exc.strerror or exc}"
            self.last_advice = failure.advice()
            raise failure from exc
        with self.mutex:
            self._saved_version = max(self._saved_version, version)
            self.last_error = self.last_advice = None

    def _write_loop(self) -> None:
        while True:
            with self.mutex:
                while not self.dirty and not self._closing:
                    self._changed.wait()
                self._wait_for_quiet()
                if self._closing:
                    return
                attempted = self._version
            self._progress("saving")
            try:
                self.flush()
            except StoreError:
                self._report(False, self.last_error)
                with self.mutex:  # retry once something changed since the failed attempt
                    while self._version == attempted and not self._closing:
                        self._changed.wait()
                continue
            if not self.dirty:
                self._report(True, None)

    def _wait_for_quiet(self) -> None:
        """Hold the save until changes pause (the mutex is held; waiting releases it)."""
        deadline = (self._unsaved_since or time.monotonic()) + SAVE_WITHIN
        while not self._closing:
            now = time.monotonic()
            wait = min(self._changed_at + SAVE_AFTER_QUIET, deadline) - now
            if wait <= 0:
                return
            self._changed.wait(wait)

    def _report(self, saved: bool, error: str | None) -> None:
        if self.on_status:
            self.on_status(saved, error)

    def _progress(self, state: str) -> None:
        if self.on_progress:
            self.on_progress(state)

    # --- opening --------------------------------------------------------------------------

    def _read_file(self) -> bytes | None:
        """The file's bytes; None when there is no file yet."""
        handle = self._open_file()
        if handle is None:
            return None
        with handle:
            return self._read_bytes(handle)

    def _open_file(self) -> BinaryIO | None:
        """The file open for reading, its identity in `opened_stat`; None when there is none."""
        try:
            handle = self.path.open("rb")
            self.opened_stat = os.fstat(handle.fileno())
            return handle
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(self.path, f"cannot read it: {exc.strerror or exc}") from None

    def _read_bytes(self, handle: BinaryIO) -> bytes:
        try:
            return handle.read()
        except OSError as exc:
            raise StoreError(self.path, f"cannot read it: {exc.strerror or exc}") from None

    def _parse(self, raw: bytes | None) -> Document:
        doc = {} if raw is None else parse_document(self.path, raw)
        if self._validate:
            self._validate(self.path, doc)
        return doc

    def _remove_stale_temp_files(self) -> None:
        """Delete what a killed save of this database left, matched by exact name: a pattern
        built from the name would match other databases' files (`c[1].json`, `*`)."""
        directory = self.path.parent
        staging = backup_path(self.path).name + ".new"
        prefix = f".{self.path.name}."
        with contextlib.suppress(OSError):
            names = os.listdir(directory)
            for name in names:
                if name == staging or (
                    name.startswith(prefix) and _TEMP_SUFFIX.fullmatch(name, len(prefix))
                ):
                    with contextlib.suppress(OSError):
                        os.unlink(directory / name)

    def release_lock(self) -> None:
        if self._unread is not None:  # opened with parse_later and never needed
            self._unread.close()
            self._unread = None
        if self._lock:
            self._lock.release()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save (used by import and demo generation)."""
        deferred = self.deferred
        with self.mutex:
            self.deferred = True
            try:
                yield
            finally:
                self.deferred = deferred
        if not deferred and self.dirty:
            self.flush()
