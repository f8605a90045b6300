"""GeoNames dumps imported on top of the packaged sources (`geo gazetteer build
--geonames`), on small files in the published format that the tests write."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gazetteer.errors import CustomDataError
from gazetteer.sources import geonames_dump

ROOT = Path(__file__).resolve().parents[2]


def _line(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1="", pop=0):
    """One line of a GeoNames dump: 19 tab-separated columns."""
    cols = [str(gid), name, ascii_name, ",".join(alternates), str(lat), str(lon), fclass, fcode,
            cc, "", admin1, "", "", "", str(pop), "", "250", "Africa/Ouagadougou", "2024-01-05"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


# Invented places (ids far above GeoNames' own) in Burkina Faso and South Sudan.
BF_LINES = [
    _line(990000001, "Zorbéogo", "Zorbeogo", ["Zorbeogo", "Zorbéogho"], 13.2011, -1.0532,
          "P", "PPL", "BF", "78", 1200),
    _line(990000002, "Kwalbélé Camp", "Kwalbele Camp", [], 13.1102, -1.1203, "S", "CMPRF",
          "BF", "78"),
    _line(990000003, "Old Zorbéogo", "Old Zorbeogo", [], 13.2, -1.05, "P", "PPLH", "BF", "78"),
    _line(990000004, "Zorbéogo School", "Zorbeogo School", [], 13.2, -1.05, "S", "SCH", "BF"),
]
SS_LINES = [
    _line(990000011, "Ulangdit", "Ulangdit", ["Ulang Dit"], 8.0123, 32.7012, "P", "PPL",
          "SS", "03", 3400),
    _line(990000012, "Tardoma County", "Tardoma County", [], 7.9, 32.6, "A", "ADM2", "SS",
          "03"),
]


@pytest.fixture(scope="module")
def dumps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("geonames")
    bf = folder / "BF.zip"
    with zipfile.ZipFile(bf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BF.txt", "".join(BF_LINES))
        zf.writestr("readme.txt", "readme for BF.txt\tnot\ta\tdump\n")
    ss = folder / "SS.txt"
    ss.write_text("".join(SS_LINES), encoding="utf-8")
    return bf, ss


def test_a_per_country_zip_is_read_with_its_alternate_names(dumps):
    recs = list(geonames_dump.records(dumps[0]))
    assert [r.place.id for r in recs] == ["geonames:990000001", "geonames:990000002"]
    village, camp = recs
    assert village.place.kind == "city" and village.place.country_code == "BF"
    assert village.place.admin1 == "78" and village.place.population == 1200
    assert (village.place.lon, village.place.lat) == (-1.0532, 13.2011)
    assert "Zorbéogho" in village.names and "Zorbeogo" in village.names
    assert camp.place.kind == "camp"


def test_feature_codes_map_to_kinds():
    assert geonames_dump.kind_of("P", "PPLA2") == "city"
    assert geonames_dump.kind_of("P", "PPLH") is None       # historical
    assert geonames_dump.kind_of("A", "ADM1") == "admin1"
    assert geonames_dump.kind_of("A", "ADM3") == "admin2"
    assert geonames_dump.kind_of("S", "HTL") is None        # hotels are not kept
    assert geonames_dump.kind_of("H", "STM") is None


def test_a_file_in_another_format_is_one_clear_error(tmp_path):
    bad = tmp_path / "places.txt"
    bad.write_text("name,lat,lon\nSomewhere,1,2\n", encoding="utf-8")
    with pytest.raises(CustomDataError, match=r"places.txt:1: 1 columns.*19"):
        list(geonames_dump.records(bad))
    empty = tmp_path / "XX.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "nothing\n")
    with pytest.raises(CustomDataError, match="no GeoNames .txt"):
        list(geonames_dump.records(empty))


def _geo(*args, env):
    return subprocess.run([sys.executable, "-m", "geo", *args], env=env, capture_output=True,
                          text=True, cwd=ROOT, timeout=900)


def test_build_with_dumps_adds_their_places_and_info_says_so(dumps, tmp_path):
    path = tmp_path / "gaz.sqlite"
    env = {**os.environ, "GEO_GAZETTEER": str(path)}
    done = _geo("-q", "gazetteer", "build", "--geonames", str(dumps[0]), "--geonames",
                str(dumps[1]), env=env)
    assert done.returncode == 0, done.stderr
    info = json.loads(_geo("gazetteer", "info", "--json", env=env).stdout)
    assert [(i["file"], i["places"]) for i in info["imports"]] == [("BF.zip", 2), ("SS.txt", 2)]
    assert info["counts"]["geonames dumps"] == 4 and info["counts"]["cities"] > 100_000
    text = _geo("gazetteer", "info", env=env).stdout
    assert "import   geonames: BF.zip (2 places added)" in text

    import gazetteer

    gaz = gazetteer.open(path, rebuild=False)
    assert gaz.get("geonames:990000011").name == "Ulangdit"
    assert gaz.lookup("Aleppo")[0].place.country_code == "SY"  # packaged places still there

    from geo.pipeline import Parser

    doc = Parser(gaz).parse("Gunmen attacked the village of Zorbeogho in Burkina Faso, "
                            "and residents fled to Ulang Dit in South Sudan.")
    ids = {p.place.id for p in doc.places if p.place}
    assert {"geonames:990000001", "geonames:990000011"} <= ids


def test_a_bad_dump_fails_the_build_in_one_line_and_leaves_no_file(tmp_path):
    bad = tmp_path / "UA.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    path = tmp_path / "gaz.sqlite"
    done = _geo("-q", "gazetteer", "build", "--geonames", str(bad),
                env={**os.environ, "GEO_GAZETTEER": str(path)})
    assert done.returncode != 0 and "UA.txt:1" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not path.exists()
