"""The word lists recognition relies on come from installed packages."""
import pytest

from geo.recognition.words import is_common_word, is_given_name


@pytest.mark.parametrize("word, given, common", [
    ("Michael", True, True), ("Mary", True, True), ("Both", False, True),
    ("Aleppo", False, False), ("Kherson", False, False), ("Lisa", True, False),
])
def test_word_lists(word, given, common):
    assert is_given_name(word) is given
    assert is_common_word(word) is common
