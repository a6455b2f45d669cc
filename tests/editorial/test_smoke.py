from portal.editorial.enums import State
from tests import factories


def test_publish_makes_article_visible(client, reporter, board):
    art = factories.published_article(author=reporter, approver=board)
    assert art.state == State.PUBLISHED
    assert client.get(art.get_absolute_url()).status_code == 200
    assert art.title in client.get("/").content.decode()
