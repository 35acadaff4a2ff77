"""A cold load in several processes (ccmctl/validation/parallel.py): the same data set,
the same problems and the same output as one process, on the bundled data and on data
with errors; a helper that fails, or writes damaged entries, leaves its files to the
loader; with one job, another thread running, no cache, few files to read or another
system, nothing is forked."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run

from ccmctl import cache
from ccmctl import validation as v
from ccmctl.files import discover
from ccmctl.validation import parallel

TODAY = dt.date(2026, 11, 22)
FILES = len(discover(DATA)[0])


class Started(list):  # type: ignore[type-arg]
    """How many helpers each load started, and what each helper took from the queue."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def taken(self) -> list[list[int]]:
        """The positions each helper read, in the order it took them."""
        return [
            [int(i) for i in f.read_text().split()] for f in sorted(self.folder.glob("*.taken"))
        ]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Started:
    """The helpers started (a count per load), and (by counting the files each helper
    takes, written down in its own process, and the files this process parses) proof of
    who read what."""
    record = Started(tmp_path / "helpers")
    record.folder.mkdir()
    real_start, real_share = parallel.start, parallel.read_share

    def start(count, work):  # noqa: ANN001, ANN202
        record.append(count)
        return real_start(count, work)

    def read_share(loader, found, share):  # noqa: ANN001, ANN202
        taken: list[int] = []

        def counted():  # noqa: ANN202
            for i in share:
                taken.append(i)
                yield i

        try:
            real_share(loader, found, counted())
        finally:
            (record.folder / f"{os.getpid()}.taken").write_text(" ".join(map(str, taken)))

    monkeypatch.setattr(parallel, "start", start)
    monkeypatch.setattr(parallel, "read_share", read_share)
    return record


@pytest.fixture
def parsed_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files this process parsed (a helper's parsing happens in its own process)."""
    names: list[str] = []
    real = cache.read_raw

    def read_raw(raw, shown):  # noqa: ANN001, ANN202
        names.append(shown)
        return real(raw, shown)

    monkeypatch.setattr(cache, "read_raw", read_raw)
    return names


def alone(monkeypatch: pytest.MonkeyPatch, data: Path = DATA) -> v.Validated:
    monkeypatch.setenv("CCMCTL_JOBS", "1")
    cache.disable(True)
    try:
        return v.load(data, today=TODAY)
    finally:
        cache.disable(False)


def test_a_cold_load_in_two_processes_is_the_load_in_one(
    cache_home, monkeypatch, started, parsed_here
):
    one = alone(monkeypatch)
    parsed_here.clear()
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    two = v.load(DATA, today=TODAY)
    assert started == [1]
    (share,) = started.taken()
    assert len(share) > FILES // 4, "the helper read too small a share to matter"
    assert len(parsed_here) == FILES - len(share), "this process read the helper's files"
    assert two.problems == one.problems
    assert two.dataset == one.dataset
    parsed_here.clear()
    warm = v.load(DATA, today=TODAY)  # everything in the cache now: nothing read, no helper
    assert parsed_here == [] and len(started) == 1
    assert warm.dataset == one.dataset


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "json"],
        ["targets", "--format", "json"],
        ["deadlines", "--format", "json"],
        ["report", "12msp"],
    ],
    ids=" ".join,
)
def test_the_commands_print_the_same_with_helpers(tmp_path: Path, args: list[str]) -> None:
    """As users run them: a process of its own, an empty cache, one job or three."""

    def ccmctl(jobs: str) -> tuple[int, str, str]:
        env = {
            **os.environ,
            "CCMCTL_JOBS": jobs,
            "XDG_CACHE_HOME": str(tmp_path / f"cache-{jobs}"),
            "CCMCTL_TODAY": "2026-11-22",
        }
        env.pop("CCMCTL_NO_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-m", "ccmctl", *args, "--data", str(DATA)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=300,
        )
        return done.returncode, done.stdout, done.stderr

    assert ccmctl("3") == ccmctl("1")


def test_on_data_with_errors_helpers_report_the_same(
    runner, cache_home, monkeypatch, started, tmp_path
):
    """Broken files of the bad-input corpus laid over a copy of the bundled data (enough
    files for helpers): the same problems, lines and exit status."""
    from test_cache import corpus_cases

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for source, target, _name in corpus_cases():
        if target.parts[0] == "states" and source.suffix == ".yaml":
            shutil.copyfile(source, data / target)  # states/XXX.yaml from several cases
    argv = ["validate", "--format", "json", "--data", str(data)]
    monkeypatch.setenv("CCMCTL_JOBS", "1")
    one = run(runner, "--no-cache", *argv)
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    two = run(runner, *argv)
    assert started, "no helper was started"
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr


def test_a_helper_that_fails_leaves_its_files_to_the_loader(
    cache_home, monkeypatch, started, parsed_here
):
    one = alone(monkeypatch)

    def fails(loader, found, share):  # noqa: ANN001, ANN202
        for _ in range(5):  # taken from the queue, then lost with the helper
            next(share)
        raise RuntimeError("a helper's bug")

    monkeypatch.setattr(parallel, "read_share", fails)
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    parsed_here.clear()
    two = v.load(DATA, today=TODAY)
    assert started and len(parsed_here) == FILES  # this process read them all after all
    assert two.problems == one.problems and two.dataset == one.dataset


def test_damaged_entries_from_a_helper_are_read_again(
    cache_home, monkeypatch, started, parsed_here
):
    one = alone(monkeypatch)

    def damages(loader, found, share):  # noqa: ANN001, ANN202
        store = loader.store.reopened()
        for i in share:
            raw = found[i].path.read_bytes()
            store.put(store.key(found[i].kind, raw), b'{"format": 6, "read": [')
        store.flush()

    monkeypatch.setattr(parallel, "read_share", damages)
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    parsed_here.clear()
    two = v.load(DATA, today=TODAY)
    assert started and len(parsed_here) == FILES
    assert two.problems == one.problems and two.dataset == one.dataset


def test_nothing_is_forked_without_what_it_needs(cache_home, monkeypatch, started, tmp_path):
    monkeypatch.setenv("CCMCTL_JOBS", "1")
    v.load(DATA, today=TODAY)
    assert started == []
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    cache.disable(True)
    v.load(DATA, today=TODAY)  # no cache: nowhere to hand results back
    cache.disable(False)
    assert started == []
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    v.load(data, today=TODAY)
    started.clear()
    (data / "states" / "IDN.yaml").write_text(
        (data / "states" / "IDN.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    v.load(data, today=TODAY)  # one file to read: read here
    assert started == []


def test_how_many_jobs(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for wanted, jobs in (("3", 3), ("1", 1), ("0", 1), ("many", 1)):
        monkeypatch.setenv("CCMCTL_JOBS", wanted)
        assert parallel.jobs() == jobs, wanted
    monkeypatch.delenv("CCMCTL_JOBS")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    assert parallel.jobs() == parallel.MAX_JOBS
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert parallel.jobs() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.jobs() == 2
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.jobs() == 1  # a forked process would lack the other thread
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert parallel.jobs() == 1


@pytest.mark.parametrize("count", [0, 37, parallel.TOKENS * 3 + 5])
def test_the_queue_gives_every_position_to_one_process_once(tmp_path: Path, count: int) -> None:
    """Three helpers and this process take from one queue (more positions than tokens
    too): every position is taken, by one process, once, the largest first in each."""
    order = list(range(count, 0, -1))
    queue = parallel.Queue(order)
    out = tmp_path / "taken"
    out.mkdir()

    def take() -> None:
        (out / str(os.getpid())).write_text(" ".join(str(i) for i in queue))

    try:
        pids = parallel.start(3, take)
        mine = list(queue)
        parallel.wait(pids)
    finally:
        queue.close()
    assert len(pids) == 3
    theirs = [[int(i) for i in f.read_text().split()] for f in out.iterdir()]
    everyone = [mine, *theirs]
    assert sorted(i for got in everyone for i in got) == sorted(order)
    for got in everyone:
        assert got == sorted(got, reverse=True)


def test_what_the_command_gets_ready_runs_while_helpers_read(
    cache_home, monkeypatch, started, parsed_here
):
    """``meanwhile`` runs in this process once helpers are at work, before its own
    share; one that fails changes nothing; with no helpers it is not run at all."""
    one = alone(monkeypatch)
    seen: list[int] = []

    def meanwhile() -> None:
        seen.append(len(parsed_here))
        raise RuntimeError("a warm-up's bug")

    monkeypatch.setenv("CCMCTL_JOBS", "2")
    parsed_here.clear()
    two = v.load(DATA, today=TODAY, meanwhile=meanwhile)
    assert started == [1] and seen == [0]
    assert two.problems == one.problems and two.dataset == one.dataset
    warm = v.load(DATA, today=TODAY, meanwhile=meanwhile)  # nothing to read: no helpers
    assert seen == [0] and warm.dataset == one.dataset


def test_report_imports_its_renderer_while_helpers_read(tmp_path: Path) -> None:
    """`report` on a cold cache: Jinja2 is imported during the load, in this process."""
    probe = (
        "import sys, runpy\n"
        "import ccmctl.validation.parallel as p\n"
        "real = p.shared_out\n"
        "def shared_out(*a, **k):\n"
        "    out = real(*a, **k)\n"
        "    sys.stderr.write('jinja2 after the share: %s\\n' % ('jinja2' in sys.modules))\n"
        "    return out\n"
        "p.shared_out = shared_out\n"
        "sys.argv = ['ccmctl', *sys.argv[1:]]\n"
        "runpy.run_module('ccmctl', run_name='__main__')\n"
    )
    env = {
        **os.environ,
        "CCMCTL_JOBS": "2",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "CCMCTL_TODAY": "2026-11-22",
    }
    env.pop("CCMCTL_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, "report", "12msp", "--data", str(DATA)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "jinja2 after the share: True" in done.stderr


def test_unknown_sources_are_reported_on_their_lines_with_helpers(
    runner, cache_home, monkeypatch, started, tmp_path
):
    """The loader's own share waits for its turn without the paths of its source
    references; an unknown one is still reported where it stands, in either share."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for path in sorted((data / "states").glob("*.yaml"))[::3]:
        text = path.read_text(encoding="utf-8")
        unknown = f"source: no-such-source-{path.stem.lower()}"
        path.write_text(text.replace("source: untc-xxvi-6", unknown, 1), encoding="utf-8")
    argv = ["validate", "--format", "json", "--data", str(data)]
    monkeypatch.setenv("CCMCTL_JOBS", "1")
    one = run(runner, "--no-cache", *argv)
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    two = run(runner, *argv)
    assert started
    assert one.stdout.count("no-such-source") >= 60
    assert two.exit_code == one.exit_code and two.stdout == one.stdout


def test_fmt_with_helpers_says_what_it_says_alone(runner, cache_home, monkeypatch, tmp_path):
    """A first `fmt --check` in several processes: the same diffs, lines and status; the
    helpers' marks make the second run read each file once, and find it canonical."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for path in sorted((data / "states").glob("*.yaml"))[5::40]:  # five files out of order
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(1, lines.pop(next(i for i, ln in enumerate(lines) if ln.startswith("name:"))))
        path.write_text("".join(lines), encoding="utf-8")
    (data / "states" / "FRA.yaml").write_text("name: [France\n", encoding="utf-8")
    argv = ["fmt", "--check", "--data", str(data)]
    monkeypatch.setenv("CCMCTL_JOBS", "1")
    one = run(runner, "--no-cache", *argv)
    helpers: list[int] = []
    real = parallel.start
    monkeypatch.setattr(
        parallel, "start", lambda count, work: helpers.append(count) or real(count, work)
    )
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    two = run(runner, *argv)
    assert helpers == [1]
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert one.stdout.count("+++ ") == 5 and "FRA.yaml" in one.stderr
    again = run(runner, *argv)  # marks left: no helper needed
    assert helpers == [1] and again.stdout == one.stdout


@pytest.mark.parametrize("value", ["many", "0", "-2", "1.5"])
def test_a_number_of_jobs_that_is_none_is_a_usage_error(runner, monkeypatch, value):
    """Where the data is read (helpers or not), not before: help still works."""
    monkeypatch.setenv("CCMCTL_JOBS", value)
    line = f"ccmctl: CCMCTL_JOBS={value!r} is not a number of processes (1 or more)"
    for argv in (["status"], ["fmt", "--check"], ["--no-cache", "validate"]):
        result = run(runner, *argv)
        assert result.exit_code == 2, argv
        assert result.stderr.strip() == line, argv
    for argv in (["validate", "--help"], ["schema", "--help"], ["--help"]):
        assert run(runner, *argv).exit_code == 0, argv
    monkeypatch.setenv("CCMCTL_JOBS", " 2 ")
    assert run(runner, "status").exit_code == 0


def test_no_more_helpers_than_files_to_share(started):
    """However many processes CCMCTL_JOBS allows, a helper is forked only for a file."""
    sizes = {i: 100 + i for i in range(5)}
    got = parallel.shared_out(sizes, 50, sorted, lambda theirs: None)
    assert started == [5]
    assert got == sorted(sizes)  # the helpers took nothing: this process took them all


def test_without_a_pipe_every_file_is_read_here(cache_home, monkeypatch, started, parsed_here):
    """No pipe to share through (too many files open): the load in one process."""
    import errno

    one = alone(monkeypatch)

    def no_pipe() -> tuple[int, int]:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_pipe)
    monkeypatch.setenv("CCMCTL_JOBS", "2")
    parsed_here.clear()
    two = v.load(DATA, today=TODAY)
    assert started == [] and len(parsed_here) == FILES
    assert two.problems == one.problems and two.dataset == one.dataset
