"""The cheap pre-tests of the spatial rules (geo.spatial._needs)."""
from geo.spatial import _needs, rules


def test_rules_that_need_the_same_words_share_one_test():
    tests = {}
    for r in rules.RULES:
        tests.setdefault(r.needs, set()).add(id(_needs.test(r.needs)))
    assert all(len(ids) == 1 for ids in tests.values())
    assert len({id(_needs.test(r.needs)) for r in rules.RULES}) < len(rules.RULES)


def test_a_regex_need_is_found_case_insensitively():
    border = _needs.test(r"(?:border|frontier|boundary)")
    assert border("Shelling along the BORDER resumed.")
    assert not border("Shelling near the town resumed.")


def test_distance_or_deep():
    assert _needs.distance_or_deep("Troops pushed 30 km into the region.")
    assert _needs.distance_or_deep("The drones flew deep inside the country.")
    assert _needs.distance_or_deep("They advanced five miles beyond the river.")
    assert not _needs.distance_or_deep("They advanced beyond the river.")


def test_skipping_a_shared_need_keeps_the_matches():
    text = "Fighting raged along the border between Mali and Niger, near Gao."
    found = [(m.group(0), h.__name__) for m, h in rules.matches(text, ["Mali", "Niger", "Gao"])]
    assert ("between Mali and Niger", "between") in found
    assert any(h == "_near" and "Gao" in g for g, h in found)
