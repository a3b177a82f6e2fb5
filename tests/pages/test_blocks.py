import pytest

from pages.blocks import player_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        (
            "https://www.youtube.com/embed/abc_DEF-123",
            "https://www.youtube-nocookie.com/embed/abc_DEF-123",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.org/video", None),
        ('https://youtu.be/x"onload="alert(1)', None),
        ("https://www.youtube.com/watch", None),
    ],
)
def test_player_url_only_for_known_providers_and_safe_ids(url, expected):
    assert player_url(url) == expected
