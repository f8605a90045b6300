"""More zones that cover what the writer meant (issue 17): vague and road distances,
corners of countries, a bare "the north-west", villages about a town, a district's
countryside. Real gazetteer, sentences written for these tests."""
from __future__ import annotations

import shapely

from geo.spatial import destination, geodesic_area_km2
from geo.spatial.lexicon import parse_distance, vague_range


def _zones(pd, words: str):
    return [z for z in pd.zones if words.lower() in z.name.lower()]


def _zone(pd, words: str):
    hits = _zones(pd, words)
    assert hits, f"no zone over {words!r}: {[z.name for z in pd.zones]}"
    return hits[0]


def _has(zone, lon: float, lat: float) -> bool:
    return zone.geometry.covers(shapely.Point(lon, lat))


def _off(zone, place: tuple[float, float], metres: float, bearing: float) -> bool:
    """Whether the zone holds the point ``metres`` from ``place`` on ``bearing``."""
    return zone.geometry.covers(destination(*place, metres, bearing))


def test_vague_counts_of_a_unit_are_ranges():
    assert vague_range("several dozen kilometres") == (36_000.0, 84_000.0)
    assert vague_range("a few miles") == (2 * 1609.344, 5 * 1609.344)
    assert vague_range("30 km") is None
    assert parse_distance("a few dozen km") == (42_000.0, "a few dozen km")


def test_several_dozen_kilometres_from_a_town_is_the_ring_the_words_allow(parser):
    pd = parser.parse("Shelling was heard \u201cseveral dozen kilometres\u201d from Kharkiv, "
                      "the governor said.")
    z = _zone(pd, "from Kharkiv")
    kharkiv = (36.23, 49.99)
    assert not _has(z, *kharkiv)
    assert _off(z, kharkiv, 55_000, 200)
    assert not _off(z, kharkiv, 150_000, 200)
    assert geodesic_area_km2(z.geometry) < 30_000


def test_a_reported_distance_may_be_by_road(parser):
    pd = parser.parse("The convoy was ambushed 100 km north of Kandahar on Sunday.")
    z = _zone(pd, "100 km north of Kandahar")
    kandahar = (65.71, 31.61)
    assert _off(z, kandahar, 80_000, 5)      # straight line, road winds
    assert _off(z, kandahar, 110_000, 355)
    assert not _off(z, kandahar, 50_000, 0)
    assert not _off(z, kandahar, 100_000, 90)


def test_a_corner_of_a_country_is_smaller_than_a_side(parser, gaz):
    pd = parser.parse("Gunmen killed nine herders in south-eastern Turkey. "
                      "Rebels hold much of southern Turkey.")
    corner, side = _zone(pd, "south-eastern Turkey"), _zone(pd, "southern Turkey")
    assert all(_has(corner, *p) for p in [(40.23, 37.91), (42.19, 37.33)])  # Diyarbakir, Cizre
    assert not any(_has(corner, *p) for p in [(32.85, 39.93), (28.98, 41.01), (27.14, 38.42)])
    turkey = geodesic_area_km2(gaz.country("TR"))
    assert geodesic_area_km2(corner.geometry) <= 0.31 * turkey
    assert geodesic_area_km2(corner.geometry) < geodesic_area_km2(side.geometry)
    nw = _zone(parser.parse("Militias clashed in north-western Ethiopia."), "north-western")
    assert _has(nw, 37.47, 12.6) and _has(nw, 37.39, 11.59)              # Gondar, Bahir Dar
    assert not _has(nw, 38.74, 9.03) and not _has(nw, 41.86, 9.59)      # Addis, Dire Dawa


def test_a_bare_direction_is_part_of_the_country_the_report_is_about(parser):
    pd = parser.parse("The war in Syria is far from over. Jets bombed the north-west, which "
                      "rebels still hold, and the army shelled the south.")
    nw = _zone(pd, "the north-west")
    assert _has(nw, 36.63, 35.93)                                # Idlib
    assert not any(_has(nw, *p) for p in [(36.29, 33.51), (40.14, 35.33)])  # Damascus, Deir
    south = _zone(pd, "the south")
    assert _has(south, 36.1, 32.62) and not _has(south, 37.16, 36.2)      # Daraa, not Aleppo


def test_a_bare_direction_after_a_town_is_of_its_country(parser):
    pd = parser.parse("Turkey holds elections soon. A teacher moved to Izmir to escape the "
                      "fighting in the southeast.")
    z = _zone(pd, "the southeast")
    assert _has(z, 40.23, 37.91) and not _has(z, 27.14, 38.42)      # Diyarbakir, not Izmir


def test_the_west_of_politics_and_comparisons_is_no_zone(parser):
    pd = parser.parse("China is vast. Students find it cheaper to study in China than in the "
                      "west. Relations between Beijing and the west are tense.")
    assert not _zones(pd, "the west")


def test_a_bare_direction_among_towns_is_not_guessed(parser):
    pd = parser.parse("Troops held positions near Kupiansk; a depot burned in the northwest. "
                      "Drones flew in from the north. In Kharkiv, in the northeast, the "
                      "power failed.")
    assert not _zones(pd, "the northwest")
    assert not _zones(pd, "the north")


def test_an_unknown_place_placed_by_a_town_lies_near_it(parser):
    pd = parser.parse("Three people were killed in Kfar Zubdinat, west of Homs city.")
    z = _zone(pd, "west of Homs")
    homs = (36.72, 34.73)
    assert _off(z, homs, 8_000, 270)
    assert not _has(z, 35.89, 34.89)                             # Tartus, 80 km west
    assert geodesic_area_km2(z.geometry) < 1_000


def test_a_list_placed_by_a_town_keeps_the_report_scale(parser):
    pd = parser.parse("Strikes hit the villages of Kfar Zubdinat and Kfar Qarqarin, south of "
                      "Aleppo, on Monday.")
    z = _zone(pd, "south of Aleppo")
    assert geodesic_area_km2(z.geometry) > 1_000


def test_a_village_in_part_of_a_town_lies_in_its_district(parser):
    pd = parser.parse("Militants attacked a village in northern Baiji on Tuesday night.")
    z = _zone(pd, "northern Baiji")
    baiji = (43.49, 34.93)
    assert _off(z, baiji, 9_000, 0)               # outside the town itself
    assert not _off(z, baiji, 9_000, 180)
    assert 100 < geodesic_area_km2(z.geometry) < 1_000
    town = _zone(parser.parse("Shops reopened in northern Baiji."), "northern Baiji")
    assert geodesic_area_km2(town.geometry) < geodesic_area_km2(z.geometry)


def test_the_countryside_of_a_district_is_its_outline(gaz):
    from geo.model import Mention, Resolution
    from geo.spatial.build import zone_for
    from geo.spatial.expression import Anchor, Expression
    from geo.spatial.world import Geo

    district = next(c.place for c in gaz.lookup("Sinjar") if c.place.kind == "admin2")
    res = Resolution(Mention(0, 6, "Sinjar", "toponym", 0), district, 0.9, "admin2")
    exp = Expression(span=(0, 18), text="Sinjar countryside", relation="near", sentence=0,
                     anchors=(Anchor(kind="place", code="IQ", resolution=res, text="Sinjar"),),
                     modifier="countryside")
    shape = zone_for(exp, Geo(gaz))
    assert shape is not None and "outline" in shape.derivation
    outline = gaz.get(district.id).geometry
    assert outline.buffer(0.01).covers(shape.geometry)
    assert not shape.geometry.covers(shapely.Point(district.lon, district.lat))  # the town
    assert 500 < geodesic_area_km2(shape.geometry) < 10_000


def test_the_nile_runs_from_its_white_nile_source(parser):
    pd = parser.parse("Gunmen raided cattle camps near Bor in South Sudan. Hundreds fled to "
                      "hide on the banks of the Nile.")
    z = _zone(pd, "banks of the Nile")
    assert z.geometry.distance(shapely.Point(31.56, 6.21)) < 0.1      # Bor, on the river
    assert not _has(z, 32.53, 15.6) and not _has(z, 31.58, 4.85)      # Khartoum, Juba
    assert geodesic_area_km2(z.geometry) < 1_000


def test_between_a_town_and_a_place_the_gazetteer_lacks_is_near_the_town(parser):
    for text in ("Gunmen stopped a bus on a highway between Kidal and the village of "
                 "Tin Ezzerafat on Sunday.",
                 "Gunmen stopped a bus on a highway between Kidal and Tin Ezzerafat village."):
        z = _zone(parser.parse(text), "between Kidal")
        assert _has(z, 1.41, 18.44) and _off(z, (1.41, 18.44), 8_000, 120)
        assert geodesic_area_km2(z.geometry) < 2_000
    talks = parser.parse("Talks between Kidal and the village of Tin Ezzerafat failed.")
    assert not _zones(talks, "between")


def test_a_section_of_their_border_is_that_end_of_it(parser):
    pd = parser.parse("Thai and Cambodian troops exchanged fire on the northern section of "
                      "their border on Monday.")
    z = _zone(pd, "northern section of their border")
    assert z.geometry.distance(shapely.Point(104.68, 14.39)) < 0.05     # Preah Vihear
    assert not _has(z, 102.91, 11.65)                                   # the southern end
    assert geodesic_area_km2(z.geometry) < 10_000


def test_a_place_named_before_town_of_only_qualifies_the_town(parser):
    pd = parser.parse("Thousands fled attacks in and around the Borno town of Zanbarawa.")
    assert not [z for z in pd.zones if "Borno" in z.derivation]
    pd = parser.parse("Thousands fled attacks in and around the Borno town of Monguno.")
    z = _zone(pd, "around the Borno town of Monguno")
    assert _has(z, 13.6, 12.67) and geodesic_area_km2(z.geometry) < 2_000
