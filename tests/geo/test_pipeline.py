"""Recognition and resolution end to end, on real text and the real gazetteer."""
from __future__ import annotations

import pytest

import geo


def _names(pd):
    return {p.place.id for p in pd.places if p.place}


def test_seed_places_resolve(seed_results):
    pd = seed_results["02_tel_abyad_prison.txt"]
    ids = _names(pd)
    for gid in ("geonames:163750", "geonames:172134", "geonames:323786"):  # Tel Abyad, Ain Issa, Ankara
        assert gid in ids
    countries = {p.place.country_code for p in pd.places if p.place and p.place.kind == "country"}
    assert {"SY", "TR"} <= countries


def test_offsets_index_the_text(seed_results):
    for pd in seed_results.values():
        for r in pd.resolutions:
            m = r.mention
            assert pd.document.text[m.start:m.end] == m.text
            s = pd.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end


def test_people_and_newspapers_are_not_places(parser):
    pd = parser.parse("ISIS chief Abu Bakr al-Baghdadi urged followers to act, The Sun reported. "
                      "George Washington was mentioned by Mr Jordan in Paris.")
    texts = {m.mention.text for m in pd.resolutions}
    assert "Baghdadi" not in texts and "al-Baghdadi" not in texts
    assert "Sun" not in texts and "The Sun" not in texts
    assert "Paris" in texts


def test_adjectival_mentions_are_typed(parser):
    pd = parser.parse("Syrian Kurdish fighters clashed with Turkish troops near Kobani.")
    types = {r.mention.text: r.mention.type for r in pd.resolutions}
    assert types.get("Syrian") == "adjectival" and types.get("Turkish") == "adjectival"
    assert "Kurdish" not in types


@pytest.mark.parametrize("text, mention, country", [
    ("North Korean missiles flew over Japan.", "North Korean", "KP"),
    ("Northern Irish police found the bomb.", "Northern Irish", "GB"),
    ("South Sudanese refugees reached Uganda.", "South Sudanese", "SS"),
])
def test_two_word_demonyms_are_one_mention(parser, text, mention, country):
    pd = parser.parse(text)
    adj = {r.mention.text: r.place.country_code for r in pd.resolutions
           if r.mention.type == "adjectival"}
    assert adj.get(mention) == country
    assert not pd.zones  # "North Korean" is not the north of Korea


@pytest.mark.parametrize("text", ["North American leaders met in Ottawa.",
                                  "African-American voters gathered in Atlanta.",
                                  "Syrian Americans rallied in Detroit."])
def test_peoples_are_not_their_last_words_country(parser, text):
    pd = parser.parse(text)
    assert all(r.mention.type != "adjectival" for r in pd.resolutions)
    assert not pd.zones
    assert [r.place.kind for r in pd.resolutions] == ["city"]


@pytest.mark.parametrize("text, person", [
    ("Officer Eggers shot Tyrise M. Bell on Jan. 23. Eggers tackled Bell near the car.", "Bell"),
    ("Prosecutors charged a teenager with killing Welch. Welch and his mother had left.", "Welch"),
    ("A letter to Abraham Lincoln was found. Lincoln's profile was unmistakable.", "Lincoln"),
    ("John Steven Carter, 56, was robbed. Carter was using an alias.", "Carter"),
])
def test_people_named_like_towns_are_people_throughout(parser, text, person):
    pd = parser.parse(text)
    assert person not in {r.mention.text for r in pd.resolutions}


@pytest.mark.parametrize("text, word", [
    ("I'll be home soon, she said in Chicago.", "I'll"),
    ("Miss Cordiner said she hoped to raise money in Dayton.", "Miss"),
    ("The council paid Stevens & Wilkinson in Columbia.", "Stevens"),
    ("Jews eat matzo during Passover in Brooklyn.", "Passover"),
    ("The talks between Israel and Hamas failed.", "Hamas"),
    ("The White House said the bill was signed in Denver.", "White House"),
    ("Libya settled for US$460 million after the trial in Tripoli.", "US"),
    ("West Nile virus was found in mosquitoes in Barrington.", "Nile"),
    ("Dr. Kemp told the New York Times he lived in Frederick, Maryland.", "New York"),
    ("Nine people died from Ebola in Brazzaville.", "Ebola"),
])
def test_words_that_name_no_place_here(parser, text, word):
    pd = parser.parse(text)
    names = {r.mention.text for r in pd.resolutions}
    assert word not in names and names  # the real place is still found


def test_state_abbreviation_after_a_town_is_still_a_place(parser):
    pd = parser.parse("He grew up in Jackson, Miss. and moved away.")
    assert "Miss" in {r.mention.text for r in pd.resolutions}


def test_a_town_in_a_list_of_places_is_a_place(parser):
    pd = parser.parse("The tour stops in Tampa, Orlando, Tallahassee, Pensacola and Gainesville.")
    assert "Gainesville" in {r.mention.text for r in pd.resolutions}


def test_a_cued_town_named_like_a_person_stays_a_place(parser):
    pd = parser.parse("Abraham Lincoln was born in Kentucky. The exhibit opens in Lincoln, Nebraska.")
    assert "Lincoln" in {r.mention.text for r in pd.resolutions}


@pytest.mark.parametrize("text, expected", [
    ("Storms knocked out power in Springfield, Chatham and Rochester overnight.",
     {"Springfield": "IL", "Rochester": "IL"}),
    ("Crews in Paris and Henry County cleared roads after the ice storm hit Puryear.",
     {"Paris": "TN", "Henry County": "TN"}),
])
def test_places_of_a_report_lie_together(parser, text, expected):
    # No state is named: each name alone means a bigger place elsewhere
    # (Springfield MA, Rochester NY, Paris France, Henry County GA).
    pd = parser.parse(text)
    got = {r.mention.text: r.place.admin1 for r in pd.resolutions if r.place}
    assert {k: got.get(k) for k in expected} == expected


def test_a_state_outranks_a_town_called_by_its_name(parser):
    pd = parser.parse("Budget cuts hit Minneapolis and Elbow Lake. Minnesota faces a deficit.")
    kinds = {r.mention.text: r.place.kind for r in pd.resolutions if r.place}
    assert kinds["Minnesota"] == "admin1"


def test_a_country_by_its_own_name_is_the_country(parser):
    # Mexico City and the State of México are also called "Mexico".
    pd = parser.parse("Flu cases rose in Mexico, officials in Mexico City and Toluca said.")
    kinds = {r.mention.text: r.place.kind for r in pd.resolutions if r.place}
    assert kinds["Mexico"] == "country" and kinds["Mexico City"] == "city"


def test_x_comma_y_containment(parser):
    pd = parser.parse("The storm hit Bangor, Maine, on Tuesday.")
    bangor = next(p for p in pd.places if p.mentions[0].text == "Bangor")
    assert bangor.place.country_code == "US" and bangor.place.admin1 == "ME"


def test_country_bias(gaz):
    from geo.pipeline import Parser

    text = "Officials in Tripoli said the talks would resume."
    lb = Parser(gaz, country="LB", ner=False).parse(text)
    assert next(p for p in lb.places if p.place).place.country_code == "LB"


def test_unresolvable_names_are_reported_not_dropped(parser):
    pd = parser.parse("Fighting spread from Aleppo to the village of Xqzwyville in Syria.")
    assert any(p.place is None and p.reason for p in pd.places) or \
        all(p.place is not None for p in pd.places)


def test_resolver_alone():
    r = geo.Resolver()
    res = r.resolve("Tel Abyad")
    assert res.place.id == "geonames:163750" and 0 < res.confidence <= 1
    assert r.resolve("Tripoli", context=["Lebanon", "Beirut"]).place.country_code == "LB"


def test_geojson_and_geodataframe(seed_results):
    pd = seed_results["02_tel_abyad_prison.txt"]
    fc = pd.to_geojson()
    assert fc["type"] == "FeatureCollection" and fc["features"]
    gdf = pd.to_geodataframe()
    assert len(gdf) == len(fc["features"]) and gdf.crs.to_epsg() == 4326
    assert pd.__geo_interface__["type"] == "FeatureCollection"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "1234 5678", "<script>x</script>"])
def test_odd_text_does_not_fail(parser, text):
    pd = parser.parse(text)
    assert isinstance(pd.features(), list)


def test_a_reported_place_has_its_own_country_and_point(parser):
    doc = parser.parse("Shelling hit Kherson overnight, officials in Ukraine said.")
    kherson = next(p for p in doc.places if p.place and p.place.name == "Kherson")
    assert kherson.country_code == "UA" == kherson.place.country_code
    assert (kherson.lon, kherson.lat) == (kherson.place.lon, kherson.place.lat)
    assert 46 < kherson.lat < 47 and 32 < kherson.lon < 33
