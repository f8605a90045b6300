"""Reliability and security from the command line: bad input, interrupted runs,
hostile text. Nothing crashes, nothing half-written is left, nothing good is lost.

Every bad input gets one line on stderr that starts with ``geo: error:``, names the
file and says what to do; a bad document in a batch is skipped and the rest is
still written (exit status 1); usage errors exit with 2.
"""
from __future__ import annotations

import gzip
import html.parser
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOOD = "Troops entered Mosul on Sunday."


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT,
        timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          input=stdin, cwd=cwd, timeout=timeout, check=False)


def docs_of(path: Path) -> set[str]:
    """The document ids of an exported GeoJSON file."""
    return {f["properties"]["doc"] for f in json.loads(path.read_text())["features"]}


def assert_clean_stderr(stderr: str) -> list[str]:
    """No traceback; every line is one of the CLI's own (``geo: error:``, ``geo: note:``,
    ``geo: map of ...``). Returns the error lines."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith("geo: ") for line in lines), stderr
    return [line for line in lines if line.startswith("geo: error:")]


# -- the table of bad inputs ---------------------------------------------------

@dataclass
class Case:
    """One bad input: what to make, how the CLI must answer, what must be written."""

    make: Callable[[Path], list[str]]          # builds the inputs, returns the INPUT args
    status: int
    errors: list[str] = field(default_factory=list)   # each: a substring of one error line
    hint: str = ""                                   # regex: what to do, in the first error
    notes: list[str] = field(default_factory=list)   # substrings of geo: note: lines
    docs: set[str] | None = None                     # docs in the output; None: no output
    check: Callable[[Path, Path], None] | None = None  # more checks (tmp, output)
    extra_args: tuple[str, ...] = ()
    timeout: float = 180


def _write(tmp: Path, name: str, data: bytes | str) -> str:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def _big_text(tmp: Path) -> list[str]:
    path = tmp / "big.txt"
    line = "Shelling hit Kharkiv and Kherson overnight, officials said on Monday.\n"
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(line for _ in range(50_000_000 // len(line) + 1))
    assert path.stat().st_size > 50_000_000
    return [str(path)]


#: A realistic million-character line: a report whose line breaks were lost, with
#: places, zones and events throughout and long stretches without a sentence end.
_PLACES = ("Shelling hit Kharkiv overnight, and two people were killed in Kherson. "
           "Clashes were reported near Aleppo and in central Tel Abyad. ")
_FILLER = ("The ministry said the talks would resume after the holiday, and officials "
           "declined to comment on the figures released by the agency on Tuesday. ")
_RUN = "the convoy moved slowly and the drivers waited and " * 40


def _one_long_line(tmp: Path) -> list[str]:
    block = _PLACES + _FILLER * 8 + _RUN + ". " + _FILLER * 4
    line = (block * (1_000_000 // len(block) + 1))[:999_999] + "."
    assert len(line) == 1_000_000 and "\n" not in line
    return [_write(tmp, "oneline.txt", line)]


def _long_line_checks(tmp: Path, out: Path) -> None:
    fc = json.loads(out.read_text())
    names = {f["properties"]["name"] for f in fc["features"] if f["properties"]["kind"] == "place"}
    assert {"Kharkiv", "Kherson", "Aleppo"} <= names
    text = (tmp / "oneline.txt").read_text(encoding="utf-8")
    for f in fc["features"]:
        for m in f["properties"].get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"]


def _utf16_checks(tmp: Path, out: Path) -> None:
    text = (tmp / "utf16.txt").read_bytes().decode("utf-16")
    fc = json.loads(out.read_text())
    names = {f["properties"]["name"] for f in fc["features"] if f["properties"]["kind"] == "place"}
    assert {"Kharkiv", "Kherson"} <= names
    for f in fc["features"]:
        for m in f["properties"].get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"]


def _latin1_checks(tmp: Path, out: Path) -> None:
    fc = json.loads(out.read_text())
    assert "Mosul" in {f["properties"]["name"] for f in fc["features"]}


def _few_places(tmp: Path, out: Path) -> None:
    places = [f for f in json.loads(out.read_text())["features"]
              if f["properties"]["kind"] == "place"]
    assert len(places) <= 2, [f["properties"]["name"] for f in places]


def _jsonl(tmp: Path) -> list[str]:
    lines = [json.dumps({"id": "a", "text": "Clashes in Aleppo on Monday."}), "{broken",
             json.dumps({"id": "c", "title": "no text here"}),
             json.dumps({"id": "d", "text": "Shelling hit Kharkiv overnight."})]
    return [_write(tmp, "in.jsonl", "\n".join(lines) + "\n")]


_ARTICLE = ("<html><head><title>Shelling</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Shelling in the north</h1><p>Shelling hit Kharkiv and Kherson "
            "overnight, the governor said on Monday.</p></article></body></html>")


def _mixed_folder(tmp: Path) -> list[str]:
    folder = tmp / "mixed"
    _write(folder, "good.txt", GOOD)
    _write(folder, "page.html", _ARTICLE)
    _write(folder, "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    _write(folder, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(folder, "sub/lines.jsonl", json.dumps({"id": "j1", "text": "Fighting near Idlib."})
           + "\n{not json\n")
    return [str(folder)]


def _read_only_folder(tmp: Path) -> list[str]:
    """A folder this process cannot write into. chmod does not stop root (CI runs
    as root): there, sysfs, where even root cannot create a file, stands in."""
    if os.geteuid() != 0:
        folder = tmp / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return [str(folder / "out.geojson")]
    probe = Path("/sys/.geo-write-probe")
    try:
        probe.touch()
    except OSError:
        return ["/sys/out.geojson"]
    probe.unlink()
    pytest.skip("running as root and /sys is writable: no unwritable folder to test")


CASES = {
    "missing-path": Case(lambda t: [str(t / "nope.txt")], 1, ["nope.txt", "no such file"],
                         r"check the path"),
    "empty-file": Case(lambda t: [_write(t, "empty.txt", "")], 1, ["empty.txt", "is empty"],
                       r"give a file"),
    "whitespace-only": Case(lambda t: [_write(t, "blank.txt", " \n\t\r\n  \n")], 1,
                            ["blank.txt", "is empty"], r"give a file"),
    "pdf": Case(lambda t: [_write(t, "report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")], 1,
                ["report.pdf", "is a PDF"], r"convert it"),
    "png": Case(lambda t: [_write(t, "map.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")], 1,
                ["map.png", "PNG image"], r"convert it"),
    "gzip": Case(lambda t: [_write(t, "reports.txt.gz", gzip.compress(GOOD.encode()))], 1,
                 ["reports.txt.gz", "gzip"], r"convert it"),
    "binary-nul": Case(lambda t: [_write(t, "blob.txt", b"ab\x00\x01\x02" * 100)], 1,
                       ["blob.txt", "binary"], r"give a UTF-8 text"),
    "invalid-utf8": Case(lambda t: [_write(t, "latin1.txt",
                                           "Troops entered Mosul on Sunday, near the café.\n"
                                           .encode("cp1252"))], 0,
                         notes=["latin1.txt", "not valid UTF-8", "decoded as Windows-1252"],
                         docs={"latin1.txt"}, check=_latin1_checks),
    "utf16-bom": Case(lambda t: [_write(t, "utf16.txt", "Shelling hit Kharkiv and Kherson "
                                        "overnight.\n".encode("utf-16"))], 0,
                      docs={"utf16.txt"}, check=_utf16_checks),
    "50MB-text": Case(_big_text, 1, ["big.txt", "over the 20 MB limit"], r"split it",
                      timeout=60),
    "1M-char-line": Case(_one_long_line, 0, docs={"oneline.txt"}, check=_long_line_checks,
                         timeout=300),
    "jsonl-bad-lines": Case(_jsonl, 1, ["in.jsonl:2", "in.jsonl:3"], r"fix or remove the line",
                            docs={"a", "d"}),
    "html-no-article": Case(lambda t: [_write(t, "menu.html", "<html><head><title>Home"
                                              "</title></head><body><nav><a href='/'>Home</a> "
                                              "<a href='/news'>News</a></nav><footer>(c) 2024"
                                              "</footer></body></html>")], 1,
                            ["menu.html", "no article text"], r"give the article"),
    "mixed-folder": Case(_mixed_folder, 1, ["scan.pdf", "photo.png", "lines.jsonl:2"],
                         r"convert it", docs={"good.txt", "page.html", "j1"}),
    "arabic": Case(lambda t: [_write(t, "ar.txt", "قصفت القوات الحكومية مدينة حلب وريف إدلب "
                                     "يوم الاثنين، وقتل خمسة مدنيين على الأقل.\n")], 0,
                   docs=None, check=_few_places),
    "chinese": Case(lambda t: [_write(t, "zh.txt", "周一，政府军炮击了阿勒颇市和伊德利卜农村，"
                                      "造成至少五名平民死亡。\n")], 0, docs=None,
                    check=_few_places),
}
SLOW = {"1M-char-line", "50MB-text"}


@pytest.mark.parametrize("case", [pytest.param(k, id=k, marks=[pytest.mark.slow] if k in SLOW
                                               else []) for k in CASES])
def test_bad_input(tmp_path, case, gaz):
    c = CASES[case]
    args = c.make(tmp_path)
    out = tmp_path / "out" / "out.geojson"
    out.parent.mkdir()
    started = time.monotonic()
    res = run("export", *args, *c.extra_args, "-o", str(out), timeout=c.timeout)
    elapsed = time.monotonic() - started
    assert res.returncode == c.status, res.stderr
    errors = assert_clean_stderr(res.stderr)
    for want in c.errors:
        assert any(want in line for line in errors), (want, res.stderr)
    if c.hint:
        assert re.search(c.hint, errors[0]), res.stderr
    notes = [line for line in res.stderr.splitlines() if line.startswith("geo: note:")]
    for want in c.notes:
        assert any(want in line for line in notes), (want, res.stderr)
    if c.status == 0 and not c.notes:
        assert not errors and not notes, res.stderr
    if c.docs is not None:
        assert docs_of(out) == c.docs
    elif c.status == 0:
        assert out.exists()
    else:
        assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p != out], "a temporary file was left"
    if c.check:
        c.check(tmp_path, out)
    if case == "50MB-text":
        assert elapsed < 30, f"refusing a big file took {elapsed:.0f} s: was it read?"


def test_unknown_format_is_a_usage_error(tmp_path):
    out = tmp_path / "x.out"
    res = run("export", str(SEEDS), "--format", "nosuchformat", "-o", str(out))
    assert res.returncode == 2
    (line,) = assert_clean_stderr(res.stderr)
    assert "nosuchformat" in line and "--format" in line and "choose one of" in line
    assert not out.exists()


@pytest.mark.parametrize("case", ["missing-folder", "under-a-file", "read-only-folder"])
def test_unwritable_output(tmp_path, case, gaz):
    (tmp_path / "afile.txt").write_text("not a folder")
    target = {"missing-folder": lambda: str(tmp_path / "no" / "such" / "out.geojson"),
              "under-a-file": lambda: str(tmp_path / "afile.txt" / "out.geojson"),
              "read-only-folder": lambda: _read_only_folder(tmp_path)[0]}[case]()
    res = run("export", str(SEEDS / "01_syria_prisons.txt"), "-o", target)
    assert res.returncode == 1
    (line,) = assert_clean_stderr(res.stderr)
    assert "out.geojson" in line and str(Path(target).parent) in line, line
    assert re.search(r"choose another -o|check the path", line), line
    assert not Path(target).exists()
    assert (tmp_path / "afile.txt").read_text() == "not a folder"


def test_stdin_problems_are_one_line(gaz):
    res = run("export", "-", stdin="   \n")
    assert res.returncode == 1
    (first, *_) = assert_clean_stderr(res.stderr)
    assert "<stdin>" in first and "is empty" in first


def test_device_is_read_in_bounded_memory(tmp_path, gaz):
    """/dev/zero has no size and no end: reading stops at the limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    res = run("export", "/dev/zero", "-o", str(tmp_path / "out.geojson"), timeout=60)
    assert res.returncode == 1
    (first, *_) = assert_clean_stderr(res.stderr)
    assert "/dev/zero" in first and "limit" in first


def test_jsonl_fields_of_any_type_do_not_break_the_map(tmp_path, gaz):
    """Numbers, lists, empty ids and lone surrogates in a JSONL line: the document
    is still mapped and exported (UTF-8 cannot write a lone surrogate)."""
    lines = [('{"id": "", "text": "Clashes in Aleppo \\ud800 on Monday.", "title": 7, '
              '"url": ["x"], "published": 2019}'),
             json.dumps({"id": 12, "text": "Shelling hit Kharkiv overnight.",
                         "title": {"a": 1}})]
    src = tmp_path / "odd.jsonl"
    src.write_text("\n".join(lines) + "\n")
    res = run("map", str(src), "-o", str(tmp_path / "m.html"))
    assert res.returncode == 0, res.stderr
    assert_clean_stderr(res.stderr)
    res = run("export", str(src), "-o", str(tmp_path / "o.geojson"))
    assert res.returncode == 0, res.stderr
    assert docs_of(tmp_path / "o.geojson") == {"odd.jsonl:1", "12"}


# -- interrupted runs ----------------------------------------------------------

def _wait_until_parsing(proc: subprocess.Popen, marker: str, limit: float = 90) -> None:
    """Wait until the process has opened the gazetteer and loaded shapely and pyproj
    (for the first report's zones), then one more second: the signal then lands in
    steady parsing. (Within numpy's first import a Ctrl-C is caught by numpy's C
    code, which prints it and raises a plain ImportError: nothing the CLI can tell
    from a broken install.)"""
    deadline = time.monotonic() + limit
    proc_dir = Path(f"/proc/{proc.pid}")
    if not proc_dir.exists():  # no /proc: give it time
        time.sleep(8)
        return
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            opened = any(marker in os.readlink(fd) for fd in (proc_dir / "fd").iterdir())
            mapped = (proc_dir / "maps").read_text()
        except OSError:  # an fd closed while we looked
            continue
        if opened and "/shapely" in mapped and "/pyproj" in mapped:
            time.sleep(1.0)
            return
        time.sleep(0.1)


def test_sigint_mid_export_leaves_the_previous_output_intact(tmp_path, gaz):
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(40):
        for s in seeds:
            (folder / f"{i:02d}_{s.name}").write_bytes(s.read_bytes())
    out = tmp_path / "out" / "seeds.geojson"
    out.parent.mkdir()
    previous = b'{"type": "FeatureCollection", "features": []}\n'
    out.write_bytes(previous)
    proc = subprocess.Popen([sys.executable, "-m", "geo", "export", str(folder), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _wait_until_parsing(proc, Path(gaz.path).name)
        assert proc.poll() is None, "the export ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode not in (0, None)
    (line,) = assert_clean_stderr(stderr)
    assert "interrupted" in line
    assert out.read_bytes() == previous
    assert sorted(p.name for p in out.parent.iterdir()) == ["seeds.geojson"]


@pytest.mark.parametrize("command", ["export", "map"])
def test_interrupt_while_writing_leaves_no_part_file(tmp_path, monkeypatch, command, gaz):
    """Ctrl-C at the last moment, as the finished temporary file is renamed: the
    temporary file is removed and the previous output is still there, whole."""
    from click.testing import CliRunner

    from geo.cli import cli

    out = tmp_path / ("out.geojson" if command == "export" else "map.html")
    out.write_text("previous version\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    res = CliRunner().invoke(cli, [command, str(SEEDS / "02_tel_abyad_prison.txt"),
                                   "-o", str(out)])
    assert res.exit_code == 130, res.output
    assert "geo: error: interrupted" in res.stderr and "Traceback" not in res.stderr
    assert out.read_text() == "previous version\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_interrupt_during_a_lazy_import_is_still_an_interruption(monkeypatch, gaz):
    """Ctrl-C while numpy is first imported surfaces as an ImportError raised while
    handling the KeyboardInterrupt: still one line and status 130, no traceback."""
    from click.testing import CliRunner

    import geo.spatial
    from geo.cli import cli

    def interrupted_import(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ImportError("numpy._core.multiarray failed to import") from None

    monkeypatch.setattr(geo.spatial, "build_zones", interrupted_import)
    res = CliRunner().invoke(cli, ["export", "-"], input="Shelling hit Kharkiv overnight.")
    assert res.exit_code == 130, res.output
    assert res.stderr.strip().splitlines() == [
        "geo: error: interrupted; outputs already finished are intact, nothing is half-written"]


# -- security ------------------------------------------------------------------

class _Scripts(html.parser.HTMLParser):
    """Collects the text of every <script> element and every attribute value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def test_hostile_report_text_is_never_executable(tmp_path, gaz):
    report = tmp_path / "hostile.txt"
    report.write_text(
        "Title: <script>window.__pwned=1</script> Shelling in Kharkiv\n"
        "URL: javascript:alert(1)\n\n"
        "Shelling hit Kharkiv overnight. <script>window.__pwned=1</script> Then "
        "<img src=x onerror=alert(1)> Clashes near Aleppo. </script><script>"
        "window.__pwned=2</script> Fighting in Kherson.\n", encoding="utf-8")
    jsonl = tmp_path / "hostile.jsonl"
    jsonl.write_text(json.dumps({"id": "j<script>window.__pwned=3</script>",
                                 "text": "Clashes in Aleppo <b onmouseover=alert(1)>x</b>.",
                                 "title": "</title><script>window.__pwned=4</script>",
                                 "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    out = tmp_path / "map.html"
    res = run("map", str(report), str(jsonl), "-o", str(out))
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    assert any("__pwned" in text for _, text in parser.scripts), "the reports are not in the page"
    for attrs, text in parser.scripts:
        if "__pwned" in text:
            # Only inside the JSON data block, where "<" is written \u003c.
            assert attrs.get("type") == "application/json", text[:200]
            assert "<" not in text and "</script" not in text.lower()
    bad = [(t, n, v) for t, n, v in parser.attrs
           if v.strip().lower().startswith("javascript:") or n.lower().startswith("on")
           and "alert" in v]
    assert not bad, bad
    assert "<img src=x onerror" not in page and "<b onmouseover" not in page


_FORBIDDEN = re.compile(r"\bpickle\.loads?\(|(?<![\w.])eval\(|(?<![\w.])exec\(|\byaml\.load\(")


def test_no_pickle_or_eval_of_user_input():
    hits = []
    for package in ("geo", "gazetteer", "maps"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _FORBIDDEN.search(line.split("#", 1)[0]):
                    hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not hits, "\n".join(hits)
