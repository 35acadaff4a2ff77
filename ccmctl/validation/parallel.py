"""Reading and validating data files in several processes at once, for a cold cache.

When many data files are not in the parse cache (the first run, a new version of
ccmctl, a pull that changed most files) and more than one processor is free, the loader
builds the models' validators, then forks helpers (:func:`start`); the helpers and the
loader take the files one by one from a shared :class:`Queue` (the largest first) and
read and validate them, the helpers writing theirs into the cache. The loader, which may
first get ready for what its command does next (``meanwhile``), then takes every file in
order, restoring the helpers' files from the cache as a warm run does. The result is the
same as reading every file here (a warm run's is the same as a cold run's:
tests/test_cache.py): a helper that fails or is killed only leaves its files for the
loader to read itself.

``ccmctl fmt`` uses the same helpers on a first run: each checks its share and leaves in
the fmt store the marks of the files it found canonical (ccmctl/cli/check.py).

Only on Linux, where ``fork`` shares the built validators at no cost; never with another
thread running (a forked thread is not there in the child); ``CCMCTL_JOBS`` sets how many
processes (1: none but this one; default: the processors this process may use, at most
:data:`MAX_JOBS`). Without the cache (``--no-cache``) there is nowhere to hand the
results back, and every file is read here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from .. import cache
from ..files import Found
from ..reading import read_bytes

if TYPE_CHECKING:
    from . import _Loader

_T = TypeVar("_T")

MAX_JOBS = 4
"""Processes by default at most: past four, forking and restoring cost more than they save
on the bundled data."""

MIN_FILES = 32
"""Fewer files to read than this, and they are read here (forking costs a few ms)."""

ENV = "CCMCTL_JOBS"


def prepare(loader: _Loader, found: list[Found]) -> tuple[dict[int, cache.Parsed], dict[int, str]]:
    """Before the loader takes the files in order: each file's cache key (by its position
    in ``found``), and, when many are not in the cache and more processors than this one
    are free, those files read and validated by helpers at the same time as this process
    reads its share; what this process read, by position. The loader's ``meanwhile``
    (a command getting ready: see :func:`shared_out`) runs here before its share."""
    store = loader.store
    n = jobs() if store is not None else 1
    if store is None or n < 2 or len(found) < MIN_FILES:
        return {}, {}
    keys: dict[int, str] = {}
    sizes: dict[int, int] = {}
    for i, item in enumerate(found):
        raw, _ = read_bytes(item.path, item.shown)
        if raw is None:
            continue  # the loader reads it again and reports it
        keys[i] = key = store.key(item.kind, raw)
        if key not in store.index:
            sizes[i] = len(raw)
    if len(sizes) < MIN_FILES:
        return {}, keys
    for kind in {found[i].kind for i in sizes}:  # built once, before the fork: shared
        kind.model.model_rebuild()
    ready = shared_out(
        sizes,
        n,
        lambda mine: {i: _lean(loader.parsed(found[i])) for i in mine},
        partial(read_share, loader, found),
        loader.meanwhile,
    )
    store.refresh()
    return ready, keys


def shared_out(
    sizes: Mapping[int, int],
    n: int,
    here: Callable[[Iterator[int]], _T],
    there: Callable[[Iterator[int]], None],
    meanwhile: Callable[[], object] | None = None,
) -> _T:
    """Share the files (by position, ``sizes`` in bytes) among this process and ``n - 1``
    helpers (:func:`start`): each takes the next file from one :class:`Queue` when it is
    done with the last, so a helper slow to start or a process busy elsewhere takes fewer
    and no one waits long for the others. The helpers run ``there``, this process first
    runs ``meanwhile`` (what the command will need after the load and can get ready now,
    its imports; a failure there is left for the command to meet again) and then ``here``;
    wait for the helpers (also when ``here`` fails) and return what ``here`` returned."""
    order = sorted(sizes, key=lambda i: (-sizes[i], i))
    try:
        queue = Queue(order)
    except OSError:  # no pipe to share through (too many files open): every file here
        return here(iter(order))
    try:
        helpers = start(min(n - 1, len(queue.runs)), lambda: there(iter(queue)))
        try:
            if meanwhile is not None:
                try:
                    meanwhile()
                except Exception:  # noqa: BLE001, S110  (only getting ready: see above)
                    pass
            return here(iter(queue))
        finally:
            wait(helpers)
    finally:
        queue.close()


class Queue:
    """Positions that several processes take one at a time, each position by one process
    only: a pipe filled before the helpers are forked and closed for writing, so that it
    ends when it is empty. Each token (four bytes, read whole: reads from a pipe do not
    interleave) stands for a run of positions, at most :data:`TOKENS` of them in all, so
    that they fit in the smallest pipe the system gives (one page) and writing never
    waits for a reader."""

    def __init__(self, order: list[int]) -> None:
        per = max(1, -(-len(order) // TOKENS))
        self.runs = [order[k : k + per] for k in range(0, len(order), per)]
        self.read_end, write_end = os.pipe()
        try:
            tokens = b"".join(k.to_bytes(4, "little") for k in range(len(self.runs)))
            os.write(write_end, tokens)
        except BaseException:
            os.close(self.read_end)
            raise
        finally:
            os.close(write_end)

    def __iter__(self) -> Iterator[int]:
        while True:
            token = os.read(self.read_end, 4)
            if len(token) < 4:
                return
            yield from self.runs[int.from_bytes(token, "little")]

    def close(self) -> None:
        os.close(self.read_end)


TOKENS = 1024
"""Tokens in a :class:`Queue` at most (4 KiB, one page: what the system writes at once)."""


def _lean(got: cache.Parsed) -> cache.Parsed:
    """``got`` as it waits for its turn: without the path of each source reference (the
    loader gathers them from the file again if one may be unknown, as for a restored
    entry), which at 50x the data would hold megabytes until the files are taken."""
    got.refs = None
    return got


def read_share(loader: _Loader, found: list[Found], share: Iterator[int]) -> None:
    """A helper's work, in its own process: read and validate the files it takes from
    ``share`` and write them into the cache, for the loader to restore."""
    assert loader.store is not None
    store = loader.store.reopened()
    for i in share:
        item = found[i]
        raw, _ = read_bytes(item.path, item.shown)
        if raw is None:
            continue
        key = store.key(item.kind, raw)
        got = loader.check(cache.read_raw(raw, item.shown), item)
        cache.save(store, key, got, _no_lines)
    store.flush()


def _no_lines() -> None:
    """The loader restores a helper's entries and reads their lines itself when needed."""
    return None


def jobs() -> int:
    """How many processes may read data files at once, this one included."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    import threading

    if threading.active_count() > 1:
        return 1
    wanted = os.environ.get(ENV, "").strip()
    if wanted:
        try:
            return max(1, int(wanted))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


def start(count: int, work: Callable[[], None]) -> list[int]:
    """Fork ``count`` helpers to run ``work``; their process ids. A helper never returns
    into the caller: it ends with status 0 when ``work`` did, else 1. When no process can
    be made, the helpers not started are simply left out (the others take their files)."""
    pids: list[int] = []
    for _ in range(count):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:  # the helper
            status = 1
            try:
                work()
                status = 0
            except BaseException:  # noqa: BLE001  (whatever it was, the loader reads those files)
                pass
            finally:
                os._exit(status)
        pids.append(pid)
    return pids


def wait(pids: list[int]) -> None:
    """Wait for every helper to end (their statuses do not matter: see the module)."""
    for pid in pids:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
