"""The only code in ccmctl that changes files: lock, temp file beside, fsync, rename, mode kept.

Why this module exists:

* Opening a file with ``"w"`` truncates it *before* the new text is written. If the disk is
  full, a quota is hit, the process is killed or the machine loses power in between, the
  data file is left empty or cut short, and the original is gone. Here the new bytes go to a
  temporary file in the same directory, are flushed and ``fsync``-ed, and only then renamed
  over the target with ``os.replace`` (atomic on POSIX within one file system). Any failure
  before the rename removes the temporary file: the original stays byte-identical. After the
  rename the directory is ``fsync``-ed so the rename itself survives a crash.
* Two ccmctl processes editing the same data folder at once would each read the old file,
  change it and write it back: the second write silently drops the first one's change.
  :func:`lock` takes an exclusive advisory ``flock`` on the data folder's directory itself
  (no lock file is created in it); every writer holds it across re-read, check and write.

Guarantees and limits:

* :func:`write_files` validates the whole change (``check``) before writing anything, then
  writes each file atomically in turn. A multi-file change is atomic *per file*: if the third
  of three writes fails, the first two are already replaced (the error names them).
* Targets that are symbolic links, or that resolve outside the data folder, are refused
  before anything is written: no writer follows a link out of the data folder.
* Mode bits of a replaced file are kept; a new file gets ``0o644`` minus the umask. The
  rename gives the file a new inode, so hard links to the old file keep the old contents, and
  ownership is that of the writing user.
* The lock is advisory: it stops other ccmctl processes, not an editor. It is re-entrant
  within one thread (``with lock(root): ... write_files(root, ...)`` works), and exclusive
  between threads and processes.

This module handles bytes and text only; turning YAML into text is the caller's job.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType

__all__ = ["RefusedWrite", "WriteError", "lock", "write_files", "write_text"]

DEFAULT_TIMEOUT = 10.0
_POLL_SECONDS = 0.05
_NEW_FILE_MODE = 0o644

_REASONS: dict[int, str] = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for this device or quota",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EMLINK: "too many links",
    errno.EXDEV: "the temporary file and the target are on different file systems",
}


class WriteError(Exception):
    """A file could not be written; ``str(exc)`` is one line starting with the path."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class RefusedWrite(WriteError):
    """``check`` found problems in the would-be contents; nothing was written."""

    def __init__(self, problems: Sequence[object], path: str = "") -> None:
        self.problems: tuple[object, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            path, f"refused: the change would leave {count} {noun} (nothing was written)"
        )


def _reason(exc: OSError) -> str:
    if exc.errno is not None and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return exc.strerror or str(exc)


def _display(path: Path, root: Path | None) -> str:
    """``data/sources.yaml`` for a file inside root, else the path as given."""
    if root is None:
        return str(path)
    for base, target in ((root, path), (root.resolve(), path.resolve())):
        try:
            rel = target.relative_to(base)
        except ValueError:
            continue
        name = root.name or str(root)
        return name if rel == Path(".") else f"{name}/{rel.as_posix()}"
    return str(path)


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- the lock -------------------------------------------------------------------------------

_held_guard = threading.Lock()
_held: dict[tuple[int, int, int], int] = {}


@contextmanager
def lock(root: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive advisory lock on the data folder ``root`` for the ``with`` body.

    The lock is a ``flock`` on the directory itself; no file is created. It waits up to
    ``timeout`` seconds, then raises :class:`WriteError`. Re-entrant within one thread.
    """
    shown = _display(root, root)
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(root, flags)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise WriteError(shown, "cannot lock: the data folder does not exist") from exc
        raise WriteError(shown, f"cannot lock the data folder: {_reason(exc)}") from exc
    try:
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino, threading.get_ident())
        with _held_guard:
            reentered = key in _held
            if reentered:
                _held[key] += 1
        if not reentered:
            _acquire(fd, shown, timeout)
            with _held_guard:
                _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
                last = _held[key] == 0
                if last:
                    del _held[key]
            if last:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, shown: str, timeout: float) -> None:
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise WriteError(shown, f"cannot lock the data folder: {_reason(exc)}") from exc
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WriteError(
                shown,
                f"another ccmctl is writing to this data folder (waited {timeout:g} s; "
                "try again when it has finished)",
            )
        time.sleep(min(_POLL_SECONDS, remaining))


# -- one atomic replace ---------------------------------------------------------------------


def _mode(path: Path, shown: str) -> int | None:
    """The mode bits of the regular file ``path``, or None if it does not exist yet."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise WriteError(
                shown, f"cannot write: the folder {path.parent} does not exist"
            ) from None
        return None
    except OSError as exc:
        raise WriteError(shown, f"cannot write: {_reason(exc)}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(shown, f"cannot write: {_REASONS[errno.EISDIR]}")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(shown, "cannot write: it is not a regular file")
    return stat.S_IMODE(st.st_mode)


def _current(path: Path, shown: str) -> tuple[bytes | None, int | None]:
    """The current bytes and mode bits of ``path``, or ``(None, None)`` if it does not exist."""
    mode = _mode(path, shown)
    if mode is None:
        return None, None
    try:
        return path.read_bytes(), mode
    except OSError as exc:
        raise WriteError(shown, f"cannot read the current file: {_reason(exc)}") from exc


def _fsync_dir(directory: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(directory, flags)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems cannot fsync a directory; the rename has happened regardless.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes, mode: int | None, shown: str, existed: bool) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, rename it over ``path``."""
    after = "the original is unchanged" if existed else "nothing was written"
    directory = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(dir=directory, prefix="." + path.name + ".", suffix=".tmp")
    except OSError as exc:
        if exc.errno == errno.ENOENT and not directory.is_dir():
            message = f"cannot write: the folder {directory} does not exist ({after})"
        elif exc.errno == errno.ENOENT:  # e.g. /proc: the folder takes no new files
            message = f"cannot write: the folder {directory} does not accept new files ({after})"
        else:
            message = f"cannot write: {_reason(exc)} ({after})"
        raise WriteError(shown, message) from exc
    tmp = Path(tmp_name)
    is_open = True
    try:
        os.fchmod(fd, _NEW_FILE_MODE & ~_umask() if mode is None else mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        is_open = False
        os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        if is_open:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(shown, f"cannot write: {_reason(exc)} ({after})") from exc
        raise
    try:
        _fsync_dir(directory)
    except OSError as exc:
        raise WriteError(
            shown,
            f"written, but the folder could not be flushed to disk: {_reason(exc)}",
        ) from exc


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


# -- the public writers ---------------------------------------------------------------------


def write_files(
    root: Path,
    changes: Mapping[Path, str | bytes],
    *,
    check: Callable[[Mapping[Path, bytes]], Sequence[object]] | None = None,
) -> list[Path]:
    """Replace files in the data folder ``root``, atomically per file, under :func:`lock`.

    ``changes`` maps each target path (absolute, or relative to the working directory, as
    ``Path`` reads it) to its new contents; text is encoded as UTF-8, newlines untouched.
    Under the lock, every target is re-read and vetted (no symlinks, inside ``root``, not a
    folder, parent folder exists); then ``check``, if given, is called with the would-be
    bytes of every target; a non-empty result raises :class:`RefusedWrite` and nothing is
    written. Then each file whose bytes differ is replaced in turn. Returns the paths written.
    """
    root_shown = _display(root, root)
    if not root.is_dir():
        raise WriteError(root_shown, "cannot write: the data folder does not exist")
    real_root = root.resolve()
    new: dict[Path, bytes] = {path: _as_bytes(content) for path, content in changes.items()}
    with lock(root):
        plan: list[tuple[Path, bytes, int | None, str, bool]] = []
        for path, data in new.items():
            shown = _display(path, root)
            if path.is_symlink():
                raise WriteError(
                    shown, "cannot write: it is a symbolic link (ccmctl does not follow links)"
                )
            resolved = path.resolve()
            if resolved == real_root or real_root not in resolved.parents:
                raise WriteError(shown, f"cannot write: it is not a file inside {root_shown}")
            old, mode = _current(path, shown)
            if old != data:
                plan.append((path, data, mode, shown, old is not None))
        if check is not None:
            problems = check(MappingProxyType(new))
            if problems:
                raise RefusedWrite(problems, root_shown)
        written: list[Path] = []
        for path, data, mode, shown, existed in plan:
            try:
                _replace(path, data, mode, shown, existed)
            except WriteError as exc:
                if written:
                    done = ", ".join(_display(p, root) for p in written)
                    raise WriteError(exc.path, f"{exc.message}; already written: {done}") from exc
                raise
            written.append(path)
        return written


def write_text(path: Path, text: str | bytes, *, root: Path | None = None) -> None:
    """Atomically replace one file with ``text`` (UTF-8, or bytes as they are): temp file
    beside, fsync, rename.

    For files outside the data folder, such as ``-o FILE`` outputs; takes no lock. Without
    ``root``, a symbolic link is followed and the file it points to is replaced (the link
    stays). With ``root``, the target must be a regular path inside ``root`` (symbolic links
    refused, as in :func:`write_files`) and messages name it relative to ``root``.
    """
    shown = _display(path, root)
    if root is not None:
        if path.is_symlink():
            raise WriteError(
                shown, "cannot write: it is a symbolic link (ccmctl does not follow links)"
            )
        real_root = root.resolve()
        if real_root not in path.resolve().parents:
            raise WriteError(shown, f"cannot write: it is not a file inside {_display(root, root)}")
        target = path
    else:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
    mode = _mode(target, shown)
    _replace(target, _as_bytes(text), mode, shown, mode is not None)
