"""Scale data for news: 100,000 published Vietnamese articles in 12 categories over twenty
years (1% of them internal, a few scheduled), with the history the workflow leaves and
their search documents.

Titles, leads and bodies are assembled from a vocabulary of the ministry's subjects. Each
article is created and submitted by the bench reporter and approved by the bench board
member a few hours to two days later (``common.published_history``: states, versions,
audit rows and the ``save`` and ``published`` revisions come from
``portal.editorial.services.replay``); its search document is ``index_item``'s
(``portal.search.services.index_items``). Rows are written with ``COPY``, a batch at a time.

The articles are written oldest first, as a portal accumulates them over the years: ids, the
tables' physical order and the search documents follow publication time, as they do on the
ministry's server. Written in random date order, the newest half-year's documents were spread
over every page of the search table, and the search's index scan took twice as long as on
data that arrived in time order (BENCHMARKS.md, "Search with the page cache off").

Idempotent: articles are added until there are ``articles`` in the database (plus the
internal and scheduled ones of a first run).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from news.models import Article, Category
from portal.core.text import vn_slugify
from portal.editorial.services import History
from portal.editorial.signals import content_changed
from portal.search.services import index_items

from .common import copy_instances, published_history, reserve_ids, write_history

# -- Vietnamese text ----------------------------------------------------------------------

SUBJECTS = [
    "Bộ Thông tin và Truyền thông", "Bộ trưởng Nguyễn Mạnh Hùng", "Cục Viễn thông", "Cục Tần số vô tuyến điện",
    "Cục An toàn thông tin", "Cục Chuyển đổi số quốc gia", "Cục Báo chí", "Cục Xuất bản, In và Phát hành",
    "Vụ Kế hoạch - Tài chính", "Trung tâm Thông tin", "Sở Thông tin và Truyền thông Hà Nội",
    "Sở Thông tin và Truyền thông Đà Nẵng", "Tập đoàn Bưu chính Viễn thông Việt Nam", "Tổng công ty Bưu điện Việt Nam",
    "Viettel", "Thứ trưởng Phạm Đức Long", "Ủy ban Quốc gia về chuyển đổi số", "Học viện Công nghệ Bưu chính Viễn thông",
]  # fmt: skip
VERBS = [
    "tổ chức hội nghị về", "ban hành hướng dẫn về", "triển khai kế hoạch", "đẩy mạnh", "kiểm tra việc thực hiện",
    "công bố kết quả", "làm việc với các doanh nghiệp về", "phát động chương trình", "tổng kết công tác",
    "đề xuất giải pháp cho", "ký kết thỏa thuận hợp tác về", "hướng dẫn các địa phương về", "đánh giá tình hình",
]  # fmt: skip
OBJECTS = [
    "chuyển đổi số quốc gia", "phát triển hạ tầng băng rộng", "thương mại hóa dịch vụ 5G", "an toàn thông tin mạng",
    "dịch vụ công trực tuyến toàn trình", "kinh tế số và xã hội số", "công nghiệp công nghệ số",
    "quản lý tần số vô tuyến điện", "phát triển báo chí và truyền thông", "chống tin giả trên không gian mạng",
    "phổ cập điện thoại thông minh", "định danh và xác thực điện tử", "nền tảng số quốc gia",
    "chữ ký số công cộng", "bưu chính và chuyển phát", "sách và văn hóa đọc", "dữ liệu số dùng chung",
    "thu hồi sim rác", "xử lý cuộc gọi rác", "phủ sóng vùng sâu vùng xa", "đào tạo kỹ sư công nghệ thông tin",
]  # fmt: skip
CONTEXTS = [
    "trong quý IV", "năm 2024", "giai đoạn 2021 - 2025", "tại các tỉnh miền núi phía Bắc", "trên phạm vi cả nước",
    "theo Nghị quyết của Chính phủ", "với sự tham gia của 63 tỉnh, thành phố", "trong tháng đầu năm",
    "tại Hà Nội", "tại Thành phố Hồ Chí Minh", "ở cấp xã", "cho người dân và doanh nghiệp",
]  # fmt: skip
FACTS = [
    "Doanh thu dịch vụ viễn thông ước đạt {n} tỷ đồng, tăng {p}% so với cùng kỳ.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt {p}%, vượt chỉ tiêu đề ra.",
    "Cả nước có {n} trạm phát sóng thông tin di động, trong đó {m} trạm 5G.",
    "Đã có {n} doanh nghiệp công nghệ số được thành lập mới trong kỳ.",
    "Hệ thống giám sát đã phát hiện và xử lý {n} trang web lừa đảo.",
    "Số thuê bao băng rộng cố định đạt {n} nghìn, tăng {p}% so với năm trước.",
    "Tổng số lượt truy cập các nền tảng số quốc gia đạt {n} triệu lượt.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước là {n} tỷ đồng.",
]  # fmt: skip
QUOTES = [
    "Chuyển đổi số trước hết là chuyển đổi nhận thức.",
    "Mỗi người dân cần được trang bị kỹ năng số cơ bản.",
    "Hạ tầng số phải đi trước một bước.",
    "Doanh nghiệp công nghệ số Việt Nam cần làm chủ công nghệ lõi.",
    "Dữ liệu là tài nguyên mới, cần được khai thác an toàn và hiệu quả.",
]  # fmt: skip
CATEGORIES = [
    ("Tin hoạt động", "Activities", "tin-hoat-dong"), ("Chuyển đổi số", "Digital transformation", "chuyen-doi-so"),
    ("Viễn thông", "Telecommunications", "vien-thong"), ("An toàn thông tin", "Cybersecurity", "an-toan-thong-tin"),
    ("Báo chí - Xuất bản", "Press and publishing", "bao-chi-xuat-ban"), ("Bưu chính", "Postal services", "buu-chinh"),
    ("Công nghiệp ICT", "ICT industry", "cong-nghiep-ict"), ("Tần số vô tuyến", "Radio frequency", "tan-so-vo-tuyen"),
    ("Văn bản chỉ đạo", "Directives", "van-ban-chi-dao"), ("Địa phương", "Provinces", "dia-phuong"),
    ("Hợp tác quốc tế", "International cooperation", "hop-tac-quoc-te"), ("Thông cáo báo chí", "Press releases", "thong-cao-bao-chi"),
]  # fmt: skip


GENERIC = [
    "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới các điểm cầu.",
    "Đại diện các đơn vị đã báo cáo kết quả thực hiện nhiệm vụ trong kỳ và kiến nghị những vướng mắc.",
    "Các đại biểu thống nhất cần tiếp tục rà soát, hoàn thiện văn bản hướng dẫn để sớm trình cấp có thẩm quyền.",
    "Lãnh đạo đơn vị yêu cầu bám sát tiến độ, phân công rõ người, rõ việc, rõ thời hạn hoàn thành.",
    "Nhiều ý kiến đề nghị tăng cường phối hợp giữa trung ương và địa phương trong quá trình triển khai.",
    "Kết thúc buổi làm việc, hai bên đã trao đổi thêm về kế hoạch phối hợp trong thời gian tới.",
    "Trong năm, đơn vị đã hoàn thành khối lượng lớn công việc, nhiều chỉ tiêu vượt kế hoạch.",
    "Báo cáo cũng chỉ ra một số tồn tại, hạn chế cần sớm được khắc phục.",
    "Người dân có thể tra cứu thông tin chi tiết trên cổng thông tin điện tử của đơn vị.",
    "Chương trình nhận được sự hưởng ứng tích cực của cán bộ, công chức và người lao động.",
    "Dự kiến kết quả sẽ được báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12.",
    "Các cơ quan báo chí đã phản ánh kịp thời, đầy đủ các hoạt động của ngành.",
    "Việc kiểm tra được thực hiện công khai, minh bạch, đúng quy định của pháp luật.",
    "Đoàn công tác đã đến thăm, tặng quà và động viên cán bộ, nhân viên tại đơn vị.",
    "Bên cạnh kết quả đạt được, vẫn còn khó khăn về nguồn nhân lực và kinh phí.",
    "Thời gian tới, đơn vị sẽ tập trung tháo gỡ khó khăn, tạo thuận lợi cho doanh nghiệp.",
    "Lễ ký kết diễn ra trong không khí trang trọng với sự chứng kiến của lãnh đạo hai bên.",
    "Các nội dung được đánh giá cụ thể, có số liệu minh chứng và so sánh với cùng kỳ năm trước.",
    "Đề án được xây dựng trên cơ sở tổng kết thực tiễn và tham khảo kinh nghiệm quốc tế.",
    "Hội thảo thu hút hơn {n} đại biểu đến từ các bộ, ngành, địa phương và doanh nghiệp.",
]  # fmt: skip


def sentence(rng: random.Random, topic: str | None = None) -> str:
    """A sentence on the article's topic (``topic``) or, mostly, a generic one: real news
    text repeats its subject a few times, not in every sentence."""
    if topic is None:
        return rng.choice(GENERIC).format(n=rng.randint(50, 900))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic} {rng.choice(CONTEXTS)}."


def fact(rng: random.Random) -> str:
    return rng.choice(FACTS).format(
        n=f"{rng.randint(100, 99999):,}".replace(",", "."),
        m=f"{rng.randint(10, 9999):,}".replace(",", "."),
        p=f"{rng.randint(1, 99)},{rng.randint(0, 99):02d}",
    )


def article_text(rng: random.Random) -> tuple[str, str, str]:
    topic = rng.choice(OBJECTS)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic} {rng.choice(CONTEXTS)}"
    lead = f"{sentence(rng, topic)} {fact(rng)}"
    paragraphs = []
    for n in range(rng.randint(4, 7)):
        parts = [sentence(rng, topic if n == 1 else None) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            parts.append(fact(rng))
        if rng.random() < 0.25:
            parts.append(f"“{rng.choice(QUOTES)}”, {rng.choice(SUBJECTS)} nhấn mạnh.")
        paragraphs.append("<p>" + " ".join(parts) + "</p>")
    return title, lead, "".join(paragraphs)


def _times(rng: random.Random, now: dt.datetime, age: int | None):
    """(created, submitted, approved, publish_at): an article approved ``age`` seconds ago
    and published at once, or (``age`` None) approved a little before now for a time a few
    days ahead."""
    if age is None:
        approved = now - dt.timedelta(minutes=rng.randint(5, 600))
        publish_at = now + dt.timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 23))
    else:
        approved = now - dt.timedelta(seconds=age)
        publish_at = None
    submitted = approved - dt.timedelta(minutes=rng.randint(10, 48 * 60))
    created = submitted - dt.timedelta(minutes=rng.randint(20, 8 * 60))
    return created, submitted, approved, publish_at


def generate(*, author, approver, stdout, rng: random.Random, articles: int = 100_000, years: int = 20,
             batch: int = 5000) -> int:  # fmt: skip
    """Add articles until there are ``articles`` (see the module docstring); returns how many."""
    for order, (name, name_en, slug) in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order})
    categories = list(Category.objects.all())
    existing = Article.objects.count()
    if existing >= articles:
        stdout.write(f"news: {existing} articles already present; nothing to add\n")
        return 0
    t0 = time.monotonic()
    now = timezone.now()
    span = years * 365 * 86400
    total = articles - existing
    internal = max(1, articles // 100)
    scheduled = 5
    n_rows = total + internal + scheduled
    # Oldest first (the module docstring); the internal ones among them, the scheduled last.
    ages = sorted((rng.randint(3600, span) for _ in range(total + internal)), reverse=True)
    internal_at = set(rng.sample(range(total + internal), internal))
    made = 0
    while made < n_rows:
        size = min(batch, n_rows - made)
        with transaction.atomic(), connection.cursor() as cur:
            items, history = [], History()
            for pk in reserve_ids(cur, Article, size):
                title, lead, body = article_text(rng)
                age = ages[made] if made < len(ages) else None
                created, submitted, approved, publish_at = _times(rng, now, age)
                article = Article(
                    pk=pk,
                    title=title,
                    slug=f"{vn_slugify(title)[:280]}-{existing + made + 1}",
                    lead=lead,
                    body=body,
                    language="vi",
                    category=rng.choice(categories),
                    is_internal=made in internal_at,
                    view_count=rng.randint(0, 50_000),
                    featured=rng.random() < 0.01,
                )
                made += 1
                history += published_history(
                    item=article, author=author, approver=approver, created=created, submitted=submitted,
                    approved=approved, publish_at=publish_at, now=now, m2m={"tags": []},
                )  # fmt: skip
                items.append(article)
            copy_instances(cur, Article, items)
            write_history(cur, history)
            live = [a for a in items if a.live]
            prefetch_related_objects(live, "tags")  # the documents name the tags: one query a batch
            index_items(items=live)
        stdout.write(f"news: {made}/{n_rows} articles ({time.monotonic() - t0:.0f} s)\n")
        stdout.flush()
    content_changed.send(sender=Article, item=None)  # readers see new items: cached pages are stale
    return made


def reindex(*, stdout, batch: int = 2000) -> int:
    """The search documents of every live article again, as ``index_items`` writes them now
    (after a change of what a document holds: keywords, dates). Returns how many."""
    t0 = time.monotonic()
    done = 0
    ids = list(Article.objects.filter(live=True).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = list(
            Article.objects.filter(pk__in=ids[start : start + batch])
            .select_related("category")
            .prefetch_related("tags")
        )
        with transaction.atomic():
            done += index_items(items=chunk)
        stdout.write(f"news: {done}/{len(ids)} documents ({time.monotonic() - t0:.0f} s)\n")
        stdout.flush()
    return done
