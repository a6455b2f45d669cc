"""Search snippets (``portal.search.services.snippet``), checked on many generated bodies:
what a reader sees under each result. The text is read only until the snippet is decided
(issue 9: the snippets were a third of a search's time), so these check that stopping
early never changes what is shown: every query word visible in the snippet is marked, and
the snippet shows the first stretch of text that holds the most of the query's words."""

from __future__ import annotations

import random
import re
import unicodedata

from portal.search.services import SNIPPET_CHARS, _plain_chars, plain, snippet

VOCABULARY = (
    "chuyển đổi số quốc gia Bộ Thông tin và Truyền thông chữ ký số cho doanh nghiệp, "
    "“Chuyển đổi số” là nhiệm vụ trọng tâm; hạ tầng số, so với cùng kỳ năm trước, "
    "Số liệu thống kê tháng 10. Ký kết (ký) văn bản: đổi mới sáng tạo"
).split()


def bodies(n: int, seed: int = 9):
    rng = random.Random(seed)
    for _ in range(n):
        yield " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(5, 700)))


def visible_words(html: str) -> list[tuple[str, bool]]:
    """Each word of a snippet (``\\w+``), and whether it is inside ``<mark>``."""
    out = []
    for piece in re.split(r"(<mark>.*?</mark>)", html):
        marked = piece.startswith("<mark>")
        text = re.sub(r"<[^>]+>", "", piece).replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
        out += [(w, marked) for w in re.findall(r"\w+", text)]
    return out


def plain_words(text: str) -> list[str]:
    return re.findall(r"\w+", plain(unicodedata.normalize("NFC", text)))


def test_every_query_word_in_a_snippet_is_marked_and_only_those():
    for query in ("chu ky so", "chuyển đổi số", "so", "ky ket van ban"):
        words = set(plain_words(query))
        for body in bodies(300):
            html = snippet(body, words)
            shown = visible_words(html.removeprefix("… ").removesuffix(" …"))
            assert shown, body
            for word, marked in shown:
                assert marked == (plain(word) in words), (query, word, html)


def test_the_snippet_shows_the_first_stretch_holding_the_most_query_words():
    """Against a direct reading of the whole text: the best count of distinct query words
    in any stretch of the snippet's length starting at a found word."""
    query_words = {"chuyen", "doi", "so"}
    for body in bodies(300, seed=4):
        html = snippet(body, query_words)
        marked = {plain(w) for w, m in visible_words(html) if m}
        low = _plain_chars(body)  # character for character: the same positions
        starts = [m.start() for m in re.finditer(r"\b(?:chuyen|doi|so)\b", low)]
        best = max(
            (len({w for w in query_words if re.search(rf"\b{w}\b", low[s : s + SNIPPET_CHARS - 20])}) for s in starts),
            default=0,
        )
        assert len(marked) >= best, (body, html)


def test_a_word_typed_with_diacritics_is_marked_only_as_typed():
    body = "Số liệu so sánh. " * 3 + "Ký số và ký kết: số hoá."
    html = snippet(body, {"so", "ky"}, exact={"số"})
    marked = [w for w, m in visible_words(html) if m]
    assert "so" not in [w.lower() for w in marked]  # "so sánh" is not "số"
    assert {"Số", "số"} & set(marked) and {"Ký", "ký"} & set(marked)
