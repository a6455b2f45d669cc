"""Scale data for the benchmark, in its own database (never the developers' ``portal``).

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench .venv/bin/python bench/generate.py
    (options: --articles 100000 --reset)

Creates the database if needed, migrates it, then writes with PostgreSQL ``COPY``:

- 12 categories and 100,000 published articles with Vietnamese text (titles, leads and
  bodies assembled from a vocabulary of the ministry's subjects), spread over 20 years,
  plus 1% internal articles and a few scheduled ones;
- their search documents, the text vector computed by PostgreSQL in one statement
  (the same weights as ``portal.search.services.index_item``);
- every app's demo content (``manage.py load_demo``: statistics releases with their
  downloads, meetings), and scale data for statistics and meetings when the app provides
  ``<app>/bench.py`` with ``generate(*, user, stdout, rng)`` (20 years of monthly releases,
  5,000 meetings with 20,000 directives are the targets of issue 5).

Then ``ANALYZE``. About two minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:54329/bench"


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


# -- database -------------------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    conn.close()


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows:
        writer.writerow(["\\N" if v is None else v for v in row])
    buf.seek(0)
    cols = ", ".join(f'"{c}"' for c in columns)
    cursor.copy_expert(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--reset", action="store_true", help="delete the generated content first")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if url.rsplit("/", 1)[1].split("?")[0] in {"portal", "postgres"}:
        print("Refusing to fill the development database; use DATABASE_URL=.../bench", file=sys.stderr)
        return 2
    ensure_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from portal.core.text import vn_slugify

    started = time.monotonic()
    call_command("migrate", "--noinput", "-v", "0", "--run-syncdb")
    call_command("createcachetable", "-v", "0")
    from news.models import Article, Category
    from portal.search.models import SearchDocument

    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
    ct = ContentType.objects.get_for_model(Article)
    rng = random.Random(args.seed)

    if args.reset:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {SearchDocument._meta.db_table} WHERE content_type_id = %s", [ct.pk])  # noqa: S608
            cur.execute(f"TRUNCATE {Article._meta.db_table} CASCADE")  # noqa: S608
        print("deleted the generated articles")

    for order, (name, name_en, slug) in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order})
    categories = list(Category.objects.values_list("pk", flat=True))

    existing = Article.objects.count()
    wanted = args.articles
    if existing >= wanted:
        print(f"{existing} articles already present; nothing to add (use --reset to start again)")
    else:
        now = timezone.now()
        span = 20 * 365 * 86400
        fields = [f for f in Article._meta.concrete_fields if not f.primary_key]
        columns = [f.column for f in fields]
        batch = 10_000
        t0 = time.monotonic()
        total = wanted - existing
        extra_internal = max(1, wanted // 100)
        scheduled = 5
        n_rows = total + extra_internal + scheduled
        made = 0
        with transaction.atomic(), connection.cursor() as cur:
            raw = cur.cursor
            while made < n_rows:
                rows = []
                for _ in range(min(batch, n_rows - made)):
                    i = existing + made
                    made += 1
                    title, lead, body = article_text(rng)
                    is_internal = made > total and made <= total + extra_internal
                    if made > total + extra_internal:
                        publish_at = now + dt.timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 23))
                    else:
                        publish_at = now - dt.timedelta(seconds=rng.randint(3600, span))
                    values = {
                        "state": "published",
                        "live": True,
                        "has_unpublished_changes": False,
                        "is_internal": is_internal,
                        "publish_at": publish_at.isoformat(),
                        "expire_at": None,
                        "first_published_at": publish_at.isoformat(),
                        "created_at": publish_at.isoformat(),
                        "updated_at": publish_at.isoformat(),
                        "version": 3,
                        "title": title,
                        "slug": f"{vn_slugify(title)[:280]}-{i + 1}",
                        "lead": lead,
                        "body": body,
                        "language": "vi",
                        "category": rng.choice(categories),
                        "created_by": user.pk,
                        "updated_by": user.pk,
                        "submitted_by": user.pk,
                        "view_count": rng.randint(0, 50_000),
                        "featured": rng.random() < 0.01,
                    }
                    row = []
                    for f in fields:
                        if f.name in values:
                            row.append(values[f.name])
                        elif f.null:
                            row.append(None)
                        else:
                            default = f.get_default()
                            row.append("" if default is None else default)
                    rows.append(["t" if v is True else "f" if v is False else v for v in row])
                copy_rows(raw, Article._meta.db_table, columns, rows)
                print(f"  articles: {made}/{n_rows} ({time.monotonic() - t0:.0f} s)", flush=True)
        print(f"articles written in {time.monotonic() - t0:.0f} s")

    # Search documents for every live article not yet indexed: one INSERT … SELECT, the
    # vector computed by PostgreSQL with the portal's text search configuration.
    t0 = time.monotonic()
    with connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO {SearchDocument._meta.db_table}
                (content_type_id, object_id, kind, language, title, summary, body, url, is_internal,
                 publish_at, expire_at, vector)
            SELECT %s, a.id, 'Tin tức', a.language, a.title, a.lead, d.body,
                   CASE WHEN a.language = 'en' THEN '/en' ELSE '' END || '/tin-tuc/' || a.slug || '/',
                   a.is_internal, a.publish_at, a.expire_at,
                   setweight(to_tsvector('portal_vi', a.title), 'A')
                   || setweight(to_tsvector('portal_vi', a.lead), 'B')
                   || setweight(to_tsvector('portal_vi', d.body), 'C')
            FROM {Article._meta.db_table} a
            CROSS JOIN LATERAL (SELECT a.lead || ' ' || regexp_replace(a.body, '<[^>]+>', ' ', 'g') AS body) d
            WHERE a.live
              AND NOT EXISTS (SELECT 1 FROM {SearchDocument._meta.db_table} s
                              WHERE s.content_type_id = %s AND s.object_id = a.id)
            """,  # noqa: S608
            [ct.pk, ct.pk],
        )
        print(f"search documents: {cur.rowcount} added in {time.monotonic() - t0:.0f} s")

    # The apps' demo content (idempotent): statistics releases with their downloads and
    # meetings, so that the load test finds those pages.
    call_command("load_demo", stdout=io.StringIO())
    for app in ("stats", "meetings"):
        try:
            module = importlib.import_module(f"{app}.bench")
        except ModuleNotFoundError:
            print(f"{app}: no {app}/bench.py, skipped")
            continue
        t0 = time.monotonic()
        module.generate(user=user, stdout=sys.stdout, rng=rng)
        print(f"{app}: generated in {time.monotonic() - t0:.0f} s")

    # The indexes come from the migrations (BENCHMARKS.md, "Indexes"). VACUUM sets the
    # visibility map that index-only scans need (autovacuum does it on a live server).
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"done in {time.monotonic() - started:.0f} s: {Article.objects.count()} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
