"""Reading the portal's HTML in the page tests."""

from bs4 import BeautifulSoup


def soup_for(client, url):
    """The page at ``url`` as parsed HTML; it must answer 200."""
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")
