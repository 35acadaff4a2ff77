"""ccmctl.writing: atomic replace, mode kept, validate-before-write, the folder lock, no links."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from ccmctl.writing import RefusedWrite, WriteError, lock, write_files, write_text

ROOT = Path(__file__).resolve().parent.parent


def tree_digest(base: Path) -> dict[str, str]:
    """Every file and link under base -> sha256 of its bytes (or its link target)."""
    out: dict[str, str] = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "parties").mkdir(parents=True)
    (root / "sources.yaml").write_text("- id: s1\n  title: One\n", encoding="utf-8")
    (root / "parties" / "AT.yaml").write_text("iso: AT\n", encoding="utf-8")
    return root


# -- write_files: result, mode, skip, check -------------------------------------------------


def test_result_read_back_and_mode_bits_kept(data: Path) -> None:
    target = data / "sources.yaml"
    os.chmod(target, 0o640)
    written = write_files(data, {target: "- id: s2\n  title: Two\n"})
    assert written == [target]
    assert target.read_text(encoding="utf-8") == "- id: s2\n  title: Two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_bytes_are_written_as_given(data: Path) -> None:
    target = data / "sources.yaml"
    payload = "é: ü\r\nno newline translation\r\n".encode()
    write_files(data, {target: payload})
    assert target.read_bytes() == payload


def test_new_file_gets_0644_minus_umask(data: Path) -> None:
    old = os.umask(0o027)
    try:
        target = data / "parties" / "BE.yaml"
        assert write_files(data, {target: "iso: BE\n"}) == [target]
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "iso: BE\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_unchanged_file_is_not_rewritten(data: Path) -> None:
    same = data / "sources.yaml"
    other = data / "parties" / "AT.yaml"
    inode = same.stat().st_ino
    written = write_files(data, {same: same.read_text(encoding="utf-8"), other: "iso: AU\n"})
    assert written == [other]
    assert same.stat().st_ino == inode  # a replace would give a new inode


def test_several_files_written_and_check_sees_would_be_bytes(data: Path) -> None:
    a, b = data / "sources.yaml", data / "parties" / "AT.yaml"
    seen: dict[Path, bytes] = {}

    def check(would_be: Mapping[Path, bytes]) -> Sequence[object]:
        seen.update(would_be)
        assert a.read_text(encoding="utf-8").startswith("- id: s1")  # nothing written yet
        return []

    assert sorted(write_files(data, {a: "A\n", b: b"B\n"}, check=check)) == sorted([a, b])
    assert seen == {a: b"A\n", b: b"B\n"}
    assert a.read_bytes() == b"A\n" and b.read_bytes() == b"B\n"


def test_check_with_problems_writes_nothing(data: Path) -> None:
    before = tree_digest(data.parent)
    problems = ["sources.yaml:1: s9: unknown source", "parties/AT.yaml:1: iso: not a code"]
    changes: dict[Path, str | bytes] = {
        data / "sources.yaml": "changed\n",
        data / "parties" / "AT.yaml": "changed\n",
        data / "parties" / "NEW.yaml": "new\n",
    }
    with pytest.raises(RefusedWrite) as caught:
        write_files(data, changes, check=lambda would_be: problems)
    assert list(caught.value.problems) == problems
    assert isinstance(caught.value, WriteError)
    assert "2 problems" in str(caught.value) and "nothing was written" in str(caught.value)
    assert tree_digest(data.parent) == before


# -- failure halfway: the original survives -------------------------------------------------


def test_killed_halfway_by_file_size_limit_keeps_original(data: Path) -> None:
    target = data / "sources.yaml"
    original = os.urandom(10 * 1024)
    target.write_bytes(original)
    before = tree_digest(data.parent)
    code = """
        import resource, signal, sys
        from pathlib import Path
        from ccmctl.writing import WriteError, write_files
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        root = Path(sys.argv[1])
        try:
            write_files(root, {root / "sources.yaml": b"x" * (200 * 1024)})
        except WriteError as exc:
            print("WriteError:", exc)
            sys.exit(3)
        print("written")
    """
    result = run_python(code, str(data))
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert "data/sources.yaml: cannot write: file too large" in result.stdout
    assert "the original is unchanged" in result.stdout
    assert target.read_bytes() == original
    assert tree_digest(data.parent) == before  # no stray temp file either


def test_failing_rename_removes_temp_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = data / "sources.yaml"
    before = tree_digest(data.parent)

    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(WriteError) as caught:
        write_files(data, {target: "new\n"})
    assert str(caught.value) == (
        "data/sources.yaml: cannot write: no space left on the device (the original is unchanged)"
    )
    assert caught.value.path == "data/sources.yaml"
    assert tree_digest(data.parent) == before


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EDQUOT, "disk quota exceeded"),
        (errno.EFBIG, "file too large"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "not permitted"),
        (errno.EROFS, "read-only"),
    ],
)
def test_errno_messages(data: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str) -> None:
    def fail(fd: int, data: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", fail)
    before = tree_digest(data.parent)
    with pytest.raises(WriteError, match=words):
        write_files(data, {data / "sources.yaml": "new\n"})
    assert tree_digest(data.parent) == before


def test_failure_on_second_file_names_the_first(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    calls = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    a, b = data / "parties" / "AT.yaml", data / "sources.yaml"
    with pytest.raises(WriteError) as caught:
        write_files(data, {a: "A\n", b: "B\n"})
    assert "data/sources.yaml: cannot write" in str(caught.value)
    assert "already written: data/parties/AT.yaml" in str(caught.value)
    assert a.read_text(encoding="utf-8") == "A\n"
    assert b.read_text(encoding="utf-8").startswith("- id: s1")


# -- links and paths outside the data folder ------------------------------------------------


def test_symlink_pointing_outside_is_refused(data: Path) -> None:
    outside = data.parent / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("do not touch\n", encoding="utf-8")
    link = data / "link.yaml"
    link.symlink_to(secret)
    before = tree_digest(data.parent)
    with pytest.raises(WriteError, match="data/link.yaml: cannot write: it is a symbolic link"):
        write_files(data, {link: "pwned\n", data / "sources.yaml": "ok\n"})
    assert secret.read_text(encoding="utf-8") == "do not touch\n"
    assert link.is_symlink()
    assert tree_digest(data.parent) == before  # refused before any file was written


def test_symlink_inside_the_tree_is_refused_too(data: Path) -> None:
    link = data / "alias.yaml"
    link.symlink_to("sources.yaml")
    with pytest.raises(WriteError, match="symbolic link"):
        write_files(data, {link: "x\n"})
    assert (data / "sources.yaml").read_text(encoding="utf-8").startswith("- id: s1")


def test_linked_folder_leading_outside_is_refused(data: Path) -> None:
    outside = data.parent / "outside"
    outside.mkdir()
    (outside / "f.yaml").write_text("keep\n", encoding="utf-8")
    (data / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError, match="not a file inside data"):
        write_files(data, {data / "sub" / "f.yaml": "pwned\n"})
    assert (outside / "f.yaml").read_text(encoding="utf-8") == "keep\n"


def test_path_outside_root_is_refused(data: Path) -> None:
    other = data.parent / "other.yaml"
    with pytest.raises(WriteError, match="not a file inside data"):
        write_files(data, {data / ".." / "other.yaml": "x\n"})
    assert not other.exists()


def test_folder_as_target_and_missing_folder(data: Path) -> None:
    with pytest.raises(WriteError, match="data/parties: cannot write: it is a folder"):
        write_files(data, {data / "parties": "x\n"})
    with pytest.raises(WriteError, match="data/nope/x.yaml: cannot write: the folder .* not exist"):
        write_files(data, {data / "nope" / "x.yaml": "x\n"})
    with pytest.raises(WriteError, match="data folder does not exist"):
        write_files(data / "missing", {data / "missing" / "x.yaml": "x\n"})


# -- the lock -------------------------------------------------------------------------------


def test_lock_creates_no_file_and_is_reentrant(data: Path) -> None:
    before = tree_digest(data.parent)
    with lock(data), lock(data):
        assert tree_digest(data.parent) == before
        write_files(data, {data / "sources.yaml": "inside the lock\n"})  # takes lock(data) again
    assert (data / "sources.yaml").read_text(encoding="utf-8") == "inside the lock\n"


def test_lock_times_out_while_another_holds_it(data: Path) -> None:
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with lock(data, timeout=0.3):
                errors.append(AssertionError("got the lock while it was held"))
        except WriteError as exc:
            errors.append(exc)

    with lock(data):
        start = time.monotonic()
        thread = threading.Thread(target=other_writer)
        thread.start()
        thread.join(10)
        waited = time.monotonic() - start
    assert len(errors) == 1 and isinstance(errors[0], WriteError), errors
    assert "another ccmctl is writing to this data folder" in str(errors[0])
    assert str(errors[0]).startswith("data: ")
    assert waited >= 0.25
    with lock(data, timeout=0.3):  # released: free again
        pass


def test_lock_in_another_process_blocks_then_frees(data: Path) -> None:
    code = """
        import sys, time
        from pathlib import Path
        from ccmctl.writing import lock
        with lock(Path(sys.argv[1])):
            print("held", flush=True)
            time.sleep(2.0)
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(data)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WriteError, match="another ccmctl"):
            with lock(data, timeout=0.1):
                pass
        start = time.monotonic()
        with lock(data, timeout=10):
            assert time.monotonic() - start > 0.3  # waited for the holder to finish
    finally:
        holder.wait(10)


WRITER = """
    import sys, time
    from pathlib import Path
    from ccmctl.writing import lock, write_files
    root, name = Path(sys.argv[1]), sys.argv[2]
    target = root / "log.txt"
    go = root.parent / "go"
    while not go.exists():
        time.sleep(0.001)
    for i in range(50):
        with lock(root):
            text = target.read_text(encoding="utf-8")
            time.sleep(0.002)  # widen the read-modify-write window
            write_files(root, {target: text + f"{name} {i}\\n"})
"""


def test_two_writers_at_once_lose_nothing(data: Path) -> None:
    target = data / "log.txt"
    target.write_text("header\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITER), str(data), name],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    seen_bad: list[str] = []
    reads = 0
    try:
        time.sleep(0.3)  # let both start and import
        (data.parent / "go").touch()
        deadline = time.monotonic() + 120
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            content = target.read_text(encoding="utf-8")  # must always exist
            reads += 1
            if not content.startswith("header\n") or not content.endswith("\n"):
                seen_bad.append(content)
    finally:
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
    assert not seen_bad, seen_bad[:3]
    assert reads > 0
    lines = target.read_text(encoding="utf-8").splitlines()
    expected = {f"{name} {i}" for name in ("alpha", "beta") for i in range(50)}
    assert lines[0] == "header"
    assert set(lines[1:]) == expected and len(lines) == 101
    assert sorted(p.name for p in data.iterdir()) == ["log.txt", "parties", "sources.yaml"]


# -- write_text: one file outside the data folder -------------------------------------------


def test_write_text_writes_and_keeps_mode(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    write_text(out, "# new\n")
    assert out.read_text(encoding="utf-8") == "# new\n"
    os.chmod(out, 0o600)
    write_text(out, "# again\n")
    assert out.read_text(encoding="utf-8") == "# again\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_write_text_to_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(WriteError) as caught:
        write_text(folder, "x")
    assert str(folder) in str(caught.value) and "folder" in str(caught.value)
    assert caught.value.path == str(folder)
    assert list(folder.iterdir()) == []


def test_write_text_to_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.md"
    with pytest.raises(WriteError) as caught:
        write_text(out, "x")
    message = str(caught.value)
    assert message.startswith(f"{out}: cannot write: ")
    assert "does not exist" in message
    assert not (tmp_path / "missing").exists()


def test_write_text_failure_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "export.csv"
    out.write_text("old\n", encoding="utf-8")

    def read_only(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(WriteError, match="read-only .*the original is unchanged"):
        write_text(out, "new\n")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_write_text_through_a_link_replaces_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_write_text_with_root_refuses_links(data: Path) -> None:
    link = data / "alias.yaml"
    link.symlink_to("sources.yaml")
    with pytest.raises(WriteError, match="data/alias.yaml: cannot write: it is a symbolic link"):
        write_text(link, "x\n", root=data)
    with pytest.raises(WriteError, match="not a file inside data"):
        write_text(data.parent / "elsewhere.txt", "x\n", root=data)
    write_text(data / "sources.yaml", "ok\n", root=data)
    assert (data / "sources.yaml").read_text(encoding="utf-8") == "ok\n"
