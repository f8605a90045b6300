"""The user's own places survive a rebuild; odd characters in a gazetteer path
(issue 20, items 8 and 9). Builds a real gazetteer twice (about a minute)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("id,name,kind,country_code,lon,lat,population,variants\n"
          "user:qwzx-depot,Qwzxvel depot,landmark,SY,38.1000,36.2000,0,\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A gazetteer under a folder named with ``#``, ``?`` and ``%``, built with a user's
    place file that is then removed."""
    folder = tmp_path_factory.mktemp("odd") / "a#b?c%20d"
    folder.mkdir()
    places = folder / "my_places.csv"
    places.write_text(PLACES, encoding="utf-8")
    path = folder / "gaz#1.sqlite"
    proc = subprocess.run([sys.executable, "-m", "geo", "--gazetteer", str(path), "-q",
                           "gazetteer", "build", "--add", str(places)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    places.unlink()  # moved away by the user: the kept copy still counts
    return path


def test_path_with_uri_characters_opens(built):
    import gazetteer
    from gazetteer.store import Gazetteer

    gaz = Gazetteer(built)
    assert gaz.lookup("Qwzxvel depot")[0].place.id == "user:qwzx-depot"
    gaz.close()
    strays = [p.name for p in built.parent.iterdir()
              if not p.name.startswith(built.name) and p.name != "my_places.csv"]
    assert strays == []
    assert gazetteer.check(built) is None


def test_user_places_survive_a_rebuild_of_a_damaged_file(built):
    import gazetteer

    with open(built, "r+b") as f:  # damage the file: the next open rebuilds it
        f.seek(os.path.getsize(built) // 2)
        f.write(b"\xff" * 4096)
    assert gazetteer.check(built) is not None
    gaz = gazetteer.open(built)
    cands = gaz.lookup("Qwzxvel depot")
    assert cands and cands[0].place.id == "user:qwzx-depot"
