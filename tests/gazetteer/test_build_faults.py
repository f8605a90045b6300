"""The gazetteer file under faults: truncated, damaged, built by two processes at
once, interrupted mid-build, in a folder that cannot be written.

A full build takes about 30 seconds: this module does two (the two-process build
and the rebuild after a killed build); the other cases reuse the first file or
stop builds early.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import gazetteer
from gazetteer import builder

ROOT = Path(__file__).resolve().parents[2]

_OPEN_AND_REPORT = textwrap.dedent("""
    import json, os, sys
    import gazetteer

    stages = []
    gaz = gazetteer.open(sys.argv[1], progress=lambda stage, fraction: stages.append(stage))
    st = os.stat(sys.argv[1])
    print(json.dumps({"built": bool(stages), "ino": st.st_ino, "mtime": st.st_mtime_ns,
                      "meta_built": gaz.meta["built"],
                      "aleppo": gaz.lookup("Aleppo")[0].place.country_code}))
""")


def _leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` other than a gazetteer, its manifest and its lock."""
    return sorted(p.name for p in folder.iterdir()
                  if not p.name.endswith((".sqlite", ".manifest.json", ".lock")))


def _copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    shutil.copyfile(builder.manifest_path(src), builder.manifest_path(dst))
    return dst


def _start_build(path: Path) -> subprocess.Popen:
    env = {**os.environ, "GEO_GAZETTEER": str(path)}
    return subprocess.Popen([sys.executable, "-m", "geo", "-q", "gazetteer", "build"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _wait_for_temp(proc: subprocess.Popen, path: Path, limit: float = 120) -> Path:
    """Wait until the build writes its temporary file, then two more seconds."""
    deadline = time.monotonic() + limit
    pattern = f".{path.name}.*.tmp"
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        temps = list(path.parent.glob(pattern))
        if temps and temps[0].exists() and temps[0].stat().st_size > 0:
            time.sleep(2)
            assert proc.poll() is None, "the build ended before it could be interrupted"
            return temps[0]
        time.sleep(0.1)
    raise AssertionError("the build never started writing")


@pytest.fixture(scope="module")
def two_opens(tmp_path_factory):
    """Two processes open the same missing gazetteer at the same moment."""
    path = tmp_path_factory.mktemp("shared") / "g.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AND_REPORT, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    return path, outs


@pytest.fixture(scope="module")
def built(two_opens) -> Path:
    """A valid gazetteer built by this module, to copy and damage."""
    return two_opens[0]


@pytest.mark.slow
def test_two_processes_build_it_once(two_opens):
    path, outs = two_opens
    assert sorted(o["built"] for o in outs) == [False, True], outs
    st = path.stat()
    assert {o["ino"] for o in outs} == {st.st_ino}
    assert {o["mtime"] for o in outs} == {st.st_mtime_ns}
    assert len({o["meta_built"] for o in outs}) == 1
    assert {o["aleppo"] for o in outs} == {"SY"}
    assert gazetteer.check(path) is None
    assert _leftovers(path.parent) == []


@pytest.mark.slow
def test_truncated_file_then_killed_build_then_open_rebuilds(built, tmp_path):
    path = _copy(built, tmp_path / "g.sqlite")
    assert gazetteer.check(path) is None
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)
    assert "truncated" in gazetteer.check(path)
    truncated = path.read_bytes()

    proc = _start_build(path)
    try:
        temp = _wait_for_temp(proc, path)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # Killed midway: the file at the path is the old one, never a half-written one.
    assert path.read_bytes() == truncated
    assert temp.exists(), "SIGKILL should have left the temporary file (nothing can remove it)"

    gaz = gazetteer.open(path)  # notices the truncation, removes the leftover, rebuilds
    try:
        assert gazetteer.check(path) is None
        assert gaz.lookup("Aleppo")[0].place.country_code == "SY"
        assert _leftovers(tmp_path) == []
    finally:
        gazetteer._OPEN.pop(str(path), None)
        gaz.close()


@pytest.mark.slow
def test_sigint_mid_build_leaves_nothing(tmp_path):
    path = tmp_path / "g.sqlite"
    proc = _start_build(path)
    try:
        _wait_for_temp(proc, path)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode not in (0, None)
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("geo: error: interrupted"), stderr
    assert not path.exists() and not builder.manifest_path(path).exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_damaged_file_is_detected_and_rebuilt_by_open(built, tmp_path, monkeypatch):
    path = _copy(built, tmp_path / "g.sqlite")
    size = path.stat().st_size
    with open(path, "r+b") as f:  # the SQLite header: in the sampled blocks
        f.write(b"\x00" * 16)
    assert "checksum differs" in gazetteer.check(path)

    path = _copy(built, tmp_path / "h.sqlite")
    with open(path, "r+b") as f:  # between two sampled blocks: only the full hash sees it
        f.seek(size * 7 // 32 + 65536 + 4096)
        f.write(b"\xff" * 64)
    assert gazetteer.check(path) is None
    assert "whole file differs" in gazetteer.check(path, full=True)

    # open() rebuilds what check() rejects (the build itself is the other test's).
    damaged = tmp_path / "g.sqlite"
    calls = []

    def fake_build(target, **options):
        calls.append((Path(target), options.get("force")))
        _copy(built, Path(target))
        return Path(target)

    monkeypatch.setattr(builder, "build", fake_build)
    gaz = gazetteer.open(damaged)
    try:
        assert calls == [(damaged, False)]
        assert gazetteer.check(damaged) is None
        assert gaz.lookup("Aleppo")[0].place.country_code == "SY"
    finally:
        gazetteer._OPEN.pop(str(damaged), None)
        gaz.close()


def test_damaged_manifests_are_reasons_not_crashes(tmp_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert gazetteer.check(path) == "no readable manifest"
    builder.manifest_path(path).write_text("[1, 2]")
    assert gazetteer.check(path) == "no readable manifest"
    builder.manifest_path(path).write_text('{"schema": "')
    assert gazetteer.check(path) == "no readable manifest"
    assert gazetteer.check(tmp_path) == "not a file"
    with pytest.raises(gazetteer.GazetteerCorrupt, match="run `geo gazetteer build`"):
        gazetteer.open(path, rebuild=False)


# -- where the gazetteer cannot be written -------------------------------------

def _assert_names_the_options(message: str) -> None:
    assert "GEO_GAZETTEER" in message and "--gazetteer" in message, message


def test_parent_is_a_file(tmp_path):
    (tmp_path / "afile").write_text("mine")
    path = tmp_path / "afile" / "g.sqlite"
    with pytest.raises(gazetteer.GazetteerReadOnly) as info:
        gazetteer.open(path)
    _assert_names_the_options(str(info.value))
    assert "afile is a file" in str(info.value)
    assert (tmp_path / "afile").read_text() == "mine"


def test_read_only_file_system(tmp_path, monkeypatch):
    """What a read-only cache folder gives (simulated: chmod does not stop root)."""
    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(gazetteer.GazetteerReadOnly) as info:
        gazetteer.open(tmp_path / "cache" / "g.sqlite")
    _assert_names_the_options(str(info.value))
    assert "Read-only file system" in str(info.value)


def test_cli_names_the_option_to_point_elsewhere(tmp_path):
    (tmp_path / "afile").write_text("mine")
    path = tmp_path / "afile" / "g.sqlite"
    res = subprocess.run([sys.executable, "-m", "geo", "--gazetteer", str(path), "resolve",
                          "Aleppo"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         check=False)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("geo: error:"), res.stderr
    _assert_names_the_options(lines[0])


def test_a_file_that_is_not_a_gazetteer_is_never_overwritten(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes, not a gazetteer\n")
    with pytest.raises(gazetteer.GazetteerError, match="is not a gazetteer"):
        gazetteer.open(path)
    assert path.read_text() == "my notes, not a gazetteer\n"


def test_a_folder_is_not_a_gazetteer_path(tmp_path):
    with pytest.raises(gazetteer.GazetteerError, match="is a folder"):
        gazetteer.open(tmp_path)


def test_stale_temporary_files_of_this_path_only_are_removed(tmp_path):
    path = tmp_path / "g.sqlite"
    stale = [tmp_path / ".g.sqlite.k1llxd.tmp", tmp_path / ".g.sqlite.k1llxd.tmp.manifest.json"]
    others = [tmp_path / ".other.sqlite.abc.tmp", tmp_path / "g.sqlite.tmp", tmp_path / "x.tmp"]
    for p in stale + others:
        p.write_text("x")
    assert sorted(builder._remove_stale(path)) == sorted(stale)
    assert not any(p.exists() for p in stale) and all(p.exists() for p in others)
