"""Time one durable contact update: stock TinyDB, netdesk's Repo, and the floor.

Run: python benchmarks/store.py [--runs N]
For 2,000 and 30,000 generated contacts (with the demo's messages, calls, intros and targets),
times one contact update, median of N runs, all three interleaved in the same run:
  stock    TinyDB JSONStorage + db.table("contacts").update(..., doc_ids=[id])
  netdesk  Repo (non-deferred, so the durable write is included) repo.contacts.update(id, ...)
  floor    orjson.dumps(doc) + temp file + fsync + os.replace + directory fsync
DESIGN.md §9 targets at 30k: stock/netdesk ≥ 6×, netdesk/floor ≤ 1.3×.
`durable_latency` (used by run.py) times a change in the app's deferred mode, from the call to
the save on disk, beside one appended and fsynced record (what a journal would cost).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from netdesk.domain.models import to_doc
from netdesk.io.demo import generate
from netdesk.store.repo import Repo

SIZES = (2_000, 30_000)
TARGET_SIZE = 30_000
"""The size the targets are set for; smaller sizes are shown for information."""
STOCK_TARGET = 6.0
FLOOR_TARGET = 1.3


def build_database(directory: Path, contacts: int) -> Path:
    """A netdesk file holding the demo network of `contacts` people."""
    path = directory / f"base-{contacts}.json"
    data = generate(contacts, seed=42, today=date(2025, 6, 2))
    with Repo.open(path) as repo:
        repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
    return path


def floor_write(path: Path, doc: dict[str, Any]) -> None:
    """The least any durable atomic save of `doc` can cost."""
    payload = orjson.dumps(doc)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(directory: Path, contacts: int, runs: int, base: Path | None = None) -> dict[str, Any]:
    """Median ms of one update (stock, netdesk, floor) on copies of `base` (built if None)."""
    if base is None:
        base = build_database(directory, contacts)
    size_mb = base.stat().st_size / 1e6
    stock_path, netdesk_path, floor_path = (
        directory / f"{name}-{contacts}.json" for name in ("stock", "netdesk", "floor")
    )
    for path in (stock_path, netdesk_path, floor_path):
        shutil.copyfile(base, path)

    stock_db = TinyDB(stock_path, storage=JSONStorage)
    stock_contacts = stock_db.table("contacts")
    repo = Repo.open(netdesk_path)
    floor_doc = orjson.loads(floor_path.read_bytes())
    ids = list(repo.contacts.by_id())
    rng = random.Random(contacts)

    times: dict[str, list[float]] = {"stock": [], "netdesk": [], "floor": []}
    try:
        for run in range(runs + 1):  # the first round warms caches and is not counted
            contact_id = rng.choice(ids)
            note = f"update {run}"

            def floor(contact_id: int = contact_id, note: str = note) -> None:
                floor_doc["contacts"][str(contact_id)]["notes"] = note
                floor_write(floor_path, floor_doc)

            samples = {
                "stock": timed(
                    lambda c=contact_id, n=note: stock_contacts.update({"notes": n}, doc_ids=[c])
                ),
                "netdesk": timed(
                    lambda c=contact_id, n=note: repo.contacts.update(c, {"notes": n})
                ),
                "floor": timed(floor),
            }
            if run:
                for name, ms in samples.items():
                    times[name].append(ms)
    finally:
        stock_db.close()
        repo.close()

    # All three end with the same notes; a benchmark that saved different data proves nothing.
    final = {
        name: orjson.loads(path.read_bytes())["contacts"]
        for name, path in (("stock", stock_path), ("netdesk", netdesk_path), ("floor", floor_path))
    }
    assert final["stock"] == final["netdesk"] == final["floor"], "the three saves differ"

    medians = {name: statistics.median(values) for name, values in times.items()}
    return {"contacts": contacts, "size_mb": size_mb, **medians}


def durable_latency(base: Path, directory: Path, runs: int) -> dict[str, float]:
    """Median ms from one change to the moment it is on disk, the way the app saves it.

    A deferred Repo opened as the app opens it (`parse_later`), one `skip` per run on a
    different person (what `x` does), the clock stopped when the writer thread reports the
    save done (written, fsynced, renamed, folder fsynced). "first" is the first change, which
    also parses the TinyDB document if the app has not yet. Beside it, in the same run, the
    floor of any journal: one appended record of the changed contact, fsynced.
    """
    path = directory / "durable.json"
    shutil.copyfile(base, path)
    saved = threading.Event()
    repo = Repo.open(
        path, deferred=True, parse_later=True, on_status=lambda ok, _: ok and saved.set()
    )
    when = datetime.now().replace(microsecond=0)
    ids = iter(list(repo.contacts.by_id()))
    times: list[float] = []
    try:
        for _ in range(runs + 1):  # the first change is reported on its own
            saved.clear()
            start = time.perf_counter()
            repo.skip(next(ids), when)
            if not saved.wait(60):
                raise RuntimeError("the writer thread never reported the save")
            times.append((time.perf_counter() - start) * 1000)
        contact = repo.contacts.get(next(ids))
    finally:
        repo.close()
    record = orjson.dumps({"table": "contacts", "id": 1, "doc": to_doc(contact)}) + b"\n"
    journal = directory / "journal.log"
    floor: list[float] = []
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for _ in range(runs + 1):
            start = time.perf_counter()
            os.write(fd, record)
            os.fsync(fd)
            floor.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
    return {
        "first": times[0],
        "durable": statistics.median(times[1:]),
        "floor": statistics.median(floor[1:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed updates per size (median)")
    args = parser.parse_args()

    print(f"one durable contact update, median of {args.runs} runs (ms)")
    header = (
        f"{'contacts':>8} {'file MB':>7} {'stock':>9} {'netdesk':>9} {'floor':>9}"
        f" {'stock/netdesk':>14} {'netdesk/floor':>14}"
    )
    print(header)
    print("-" * len(header))
    failed = False
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-") as tmp:
        for contacts in SIZES:
            r = measure(Path(tmp), contacts, args.runs)
            speedup = r["stock"] / r["netdesk"]
            overhead = r["netdesk"] / r["floor"]
            speed_ok = speedup >= STOCK_TARGET
            floor_ok = overhead <= FLOOR_TARGET
            if contacts == TARGET_SIZE:
                failed |= not (speed_ok and floor_ok)
                speed_verdict = "PASS" if speed_ok else "FAIL"
                floor_verdict = "PASS" if floor_ok else "FAIL"
            else:
                speed_verdict = floor_verdict = "info"
            print(
                f"{contacts:>8,} {r['size_mb']:>7.1f} {r['stock']:>9.2f} {r['netdesk']:>9.2f}"
                f" {r['floor']:>9.2f}"
                f" {speedup:>7.1f}x {speed_verdict:>5} {overhead:>7.2f}x {floor_verdict:>5}"
            )
    print(
        f"targets at {TARGET_SIZE:,} contacts: stock/netdesk >= {STOCK_TARGET:g}x,"
        f" netdesk/floor <= {FLOOR_TARGET:g}x"
    )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
