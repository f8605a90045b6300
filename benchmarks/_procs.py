"""Running child processes: wall time, peak memory, time-outs.

Peak memory of a child is its maximum resident set size, read from GNU
``/usr/bin/time -v`` when it is installed, else from
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` in a small intermediary
process that runs only that child (so no other child's peak leaks in).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _util import HERE

GNU_TIME = "/usr/bin/time"

_FALLBACK = r"""
import json, resource, subprocess, sys
r = subprocess.run(sys.argv[2:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"rc": r.returncode, "maxrss_kb": u.ru_maxrss,
               "cpu_s": u.ru_utime + u.ru_stime}, f)
sys.exit(r.returncode)
"""


@dataclass
class Run:
    cmd: list
    rc: int | None
    seconds: float
    stdout: str = ""
    stderr: str = ""
    peak_rss_kb: int | None = None
    cpu_s: float | None = None  # user + system CPU seconds (with measure_memory)
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out

    def problem(self) -> str:
        if self.timed_out:
            return f"timed out after {self.seconds:.0f} s"
        tail = (self.stderr or "").strip().splitlines()[-1:] or [""]
        return f"exit code {self.rc}: {tail[0][:200]}"


def geo_command() -> list[str]:
    """The ``geo`` console script of the running interpreter's environment."""
    exe = Path(sys.executable).parent / "geo"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("geo")
    return [found] if found else [sys.executable, "-m", "geo"]


def run(
    cmd, *, timeout: float | None = None, env=None, measure_memory: bool = False, cwd=None
) -> Run:
    """Run ``cmd``; its own process group is killed if it outlives ``timeout``."""
    cmd = [str(c) for c in cmd]
    tmp = None
    full = cmd
    if measure_memory:
        fd, tmp = tempfile.mkstemp(prefix="bench-time-", suffix=".txt")
        os.close(fd)
        if os.access(GNU_TIME, os.X_OK):
            full = [GNU_TIME, "-v", "-o", tmp, *cmd]
        else:
            full = [sys.executable, "-c", _FALLBACK, tmp, *cmd]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    peak = cpu = None
    if tmp:
        peak, cpu = _read_usage(tmp)
        os.unlink(tmp)
    return Run(cmd, proc.returncode, seconds, out, err, peak, cpu, timed_out)


def _read_usage(path: str) -> tuple[int | None, float | None]:
    """(peak RSS in kB, CPU seconds) from GNU time's report or the fallback's JSON."""
    try:
        text = Path(path).read_text()
    except OSError:
        return None, None
    m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", text)
    if m:
        cpu = sum(
            float(x) for x in re.findall(r"(?:User|System) time \(seconds\):\s*([\d.]+)", text)
        )
        return int(m.group(1)), cpu
    try:
        data = json.loads(text)
        return int(data["maxrss_kb"]), float(data["cpu_s"])
    except (ValueError, KeyError, TypeError):
        return None, None


def worker(task: str, params: dict, *, timeout: float | None = None) -> tuple[dict | None, Run]:
    """Run one task of ``_worker.py`` in a fresh interpreter; (its JSON result, the run)."""
    fd, result = tempfile.mkstemp(prefix="bench-result-", suffix=".json")
    os.close(fd)
    try:
        r = run(
            [
                sys.executable,
                HERE / "_worker.py",
                task,
                "--result",
                result,
                "--params",
                json.dumps(params),
            ],
            timeout=timeout,
            measure_memory=True,
        )
        # A task may save partial results as it goes: they are kept after a time-out.
        try:
            data = json.loads(Path(result).read_text())
        except (OSError, ValueError):
            data = None
        if data is not None and not r.ok:
            data["partial"] = r.problem()
        return data, r
    finally:
        for path in (result, result + ".part"):
            if os.path.exists(path):
                os.unlink(path)
