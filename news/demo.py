"""Demo news: categories, tags, website links and about forty articles in every workflow
state, with images drawn by Pillow. Facts come from the ministry's own articles
(shared/reference); the sentences are ours. Idempotent: keyed by slug."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from portal.core.images import store_image
from portal.core.models import WebsiteLink
from portal.core.text import vn_slugify
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role

from .models import Article, Category, Tag

CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Ministry news"),
    ("chuyen-doi-so", "Chuyển đổi số", "Digital transformation"),
    ("buu-chinh-vien-thong", "Bưu chính – Viễn thông", "Post and telecommunications"),
    ("an-toan-thong-tin", "An toàn thông tin", "Information security"),
    ("bao-chi-xuat-ban", "Báo chí – Xuất bản", "Press and publishing"),
    ("cong-nghiep-ict", "Công nghiệp ICT", "ICT industry"),
]

LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/", 1),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/", 2),
    ("Báo VietNamNet", "https://vietnamnet.vn/", 3),
    ("Trung tâm Giám sát an toàn không gian mạng quốc gia", "https://khonggianmang.vn/", 4),
    ("Cục Bưu điện Trung ương", "https://cucbuudien.vn/", 5),
]

P = "<p>{}</p>"

# (category slug, title, lead, paragraphs, tags, date, byline, source)
ARTICLES = [
    (
        "tin-hoat-dong",
        "Bộ Thông tin và Truyền thông tổ chức Hội nghị Giao ban quản lý nhà nước tháng 1/2022",
        "Sáng 10/02/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban tháng 01/2022, "
        "tổ chức trực tuyến với 11 điểm cầu; năm 2022 được xác định là năm tổng tiến công chuyển đổi số.",
        [
            "Hội nghị có sự tham dự của các Thứ trưởng và đại diện lãnh đạo các Cục, Vụ, đơn vị chuyên môn "
            "thuộc Bộ, kết nối trực tuyến 11 điểm cầu cùng một số thiết bị cá nhân.",
            "Bộ trưởng nhận định sau năm tổng diễn tập chuyển đổi số 2021, Bộ phải đi đầu chuyển đổi số trong nội bộ, "
            "đưa toàn bộ công việc lên môi trường số. Thứ trưởng Nguyễn Huy Dũng được giao chỉ đạo xây dựng kế hoạch "
            "chuyển đổi số của Bộ, trình Bộ trưởng trong tháng 02/2022.",
            "Theo báo cáo tại hội nghị, tổng số thuê bao di động đạt 123,7 triệu, trong đó 91,32 triệu thuê bao "
            "sử dụng điện thoại thông minh; doanh thu dịch vụ viễn thông tháng 1 đạt 11.496 tỷ đồng.",
        ],
        ["Giao ban", "Chuyển đổi số"],
        dt.datetime(2022, 2, 10, 11, 30),
        "Minh Thùy",
        "Theo Trung tâm Thông tin",
    ),
    (
        "tin-hoat-dong",
        "Bộ TT&TT tổ chức Hội nghị Giao ban quản lý nhà nước quý III/2022",
        "Ngày 12/9/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban quý III, thông báo các quyết định "
        "về công tác cán bộ và yêu cầu phát triển các nền tảng số bám sát nhu cầu thực tiễn.",
        [
            "Dự hội nghị có các Thứ trưởng, lãnh đạo chủ chốt các cơ quan, đơn vị, doanh nghiệp thuộc Bộ và đại diện "
            "các Sở Thông tin và Truyền thông.",
            "Bộ trưởng thông báo quyết định bổ nhiệm đồng chí Nguyễn Thanh Lâm, Cục trưởng Cục Báo chí, giữ chức "
            "Thứ trưởng Bộ Thông tin và Truyền thông.",
            "Thứ trưởng Nguyễn Huy Dũng giới thiệu các nền tảng số quốc gia và nhấn mạnh yêu cầu đo lường hiệu quả "
            "sử dụng thực tế của từng nền tảng.",
        ],
        ["Giao ban", "Nền tảng số"],
        dt.datetime(2022, 9, 12, 16, 0),
        "Hồng Nhung",
        "Theo Trung tâm Thông tin",
    ),
    (
        "tin-hoat-dong",
        "Cái mới thì người mới tốt hơn, cái cũ thì người cũ tốt hơn",
        "Sáng 01/02/2023, Bộ trưởng Nguyễn Mạnh Hùng làm việc với Trung tâm Thông tin, yêu cầu Trung tâm thống lĩnh "
        "hai việc: chuyển đổi số trong Bộ và truyền thông chính sách của Bộ.",
        [
            "Cùng dự có các Thứ trưởng Phạm Đức Long, Nguyễn Huy Dũng và đại diện lãnh đạo một số đơn vị thuộc Bộ.",
            "Bộ trưởng cho rằng Trung tâm Thông tin có chức năng tương đương hai Cục chuyên môn và cần thêm năng lượng "
            "mới: người dẫn dắt có kinh nghiệm, người thực thi phải trẻ.",
            "Bộ trưởng chỉ đạo sửa đổi chức năng, nhiệm vụ của Trung tâm Thông tin và sớm bổ sung cán bộ lãnh đạo.",
        ],
        ["Trung tâm Thông tin"],
        dt.datetime(2023, 2, 1, 15, 0),
        "Thu Hà",
        "Theo Trung tâm Thông tin",
    ),
    (
        "tin-hoat-dong",
        "Bộ TT&TT giao ban quản lý nhà nước tháng 5/2023",
        "Chiều 30/5/2023, Bộ trưởng Nguyễn Mạnh Hùng chủ trì hội nghị giao ban theo hình thức trao đổi mở, "
        "đề nghị mỗi người đứng đầu xác định việc cốt lõi của đơn vị đến năm 2025.",
        [
            "Phó Cục trưởng phụ trách Cục Công nghiệp ICT Nguyễn Thiện Nghĩa đặt mục tiêu mỗi năm có thêm khoảng "
            "500.000 kỹ sư, cử nhân công nghệ thông tin.",
            "Cục trưởng Cục Thông tin đối ngoại Phạm Anh Tuấn mong muốn xây dựng một nền tảng để hơn 100 triệu người "
            "Việt Nam quảng bá hình ảnh đất nước tới 8 tỷ người trên thế giới.",
        ],
        ["Giao ban", "Nhân lực số"],
        dt.datetime(2023, 5, 30, 18, 10),
        "Minh Thùy",
        "Theo Báo VietNamNet",
    ),
    (
        "tin-hoat-dong",
        "Trung tâm Thông tin báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2017",
        "Ngày 26/7/2017, Thứ trưởng Nguyễn Thành Hưng nghe Trung tâm Thông tin báo cáo: Cổng thông tin điện tử của "
        "Bộ có hơn 1,6 triệu lượt truy cập và 97 triệu lượt yêu cầu trong 6 tháng, tăng 16,3% so với cùng kỳ.",
        [
            "Giám đốc Trung tâm Võ Quốc Trường cho biết Trung tâm thường xuyên cập nhật đầy đủ định hướng, chỉ đạo và "
            "hoạt động của Lãnh đạo Bộ và toàn Ngành.",
            "Theo báo cáo đánh giá mức độ ứng dụng CNTT năm 2016, Cổng TTĐT của Bộ đứng thứ 2 về cung cấp, cập nhật "
            "thông tin và chức năng hỗ trợ.",
        ],
        ["Cổng thông tin điện tử"],
        dt.datetime(2017, 7, 26, 17, 0),
        "Văn Long",
        "Theo Trung tâm Thông tin",
    ),
]

TOPICS = {
    "chuyen-doi-so": [
        "Chuyển đổi số cấp xã: đưa dịch vụ công trực tuyến đến gần người dân",
        "Tổ công nghệ số cộng đồng hướng dẫn người dân sử dụng nền tảng số",
        "Chuyển đổi số trong doanh nghiệp nhỏ và vừa: bắt đầu từ những việc đơn giản",
        "Nền tảng hội nghị trực tuyến do doanh nghiệp Việt phát triển được sử dụng rộng rãi",
        "Kế hoạch chuyển đổi số nội bộ của Bộ Thông tin và Truyền thông",
        "Đo lường hiệu quả các nền tảng số quốc gia",
        "Dữ liệu mở: các bộ, ngành công bố danh mục dữ liệu dùng chung",
    ],
    "buu-chinh-vien-thong": [
        "Số thuê bao sử dụng điện thoại thông minh đạt 91,32 triệu",
        "Doanh thu dịch vụ viễn thông tháng 1/2022 đạt 11.496 tỷ đồng",
        "Thử nghiệm mạng 5G được mở rộng tại nhiều tỉnh, thành phố",
        "Bưu chính Việt Nam đẩy mạnh giao nhận hàng hóa thương mại điện tử",
        "Chuẩn hóa thông tin thuê bao di động: kết quả sau một năm",
        "Mã bưu chính quốc gia hỗ trợ thương mại điện tử",
        "Tắt sóng 2G: lộ trình và hỗ trợ người dùng",
    ],
    "an-toan-thong-tin": [
        "Tháng 1/2022 ghi nhận 1.383 cuộc tấn công mạng vào hệ thống thông tin tại Việt Nam",
        "Cảnh báo lừa đảo trực tuyến dịp Tết Nguyên đán",
        "Diễn tập thực chiến an toàn thông tin cho các bộ, ngành",
        "Bảo đảm an toàn hệ thống thông tin theo cấp độ: những điều cần biết",
        "Chiến dịch rà soát, bóc gỡ mã độc trên toàn quốc",
        "Kỹ năng nhận diện trang web giả mạo cho người dùng phổ thông",
    ],
    "bao-chi-xuat-ban": [
        "Triển khai quy hoạch phát triển và quản lý báo chí toàn quốc",
        "Giải Báo chí quốc gia vinh danh các tác phẩm xuất sắc",
        "Xuất bản điện tử: cơ hội và thách thức",
        "Thông tin đối ngoại: quảng bá hình ảnh Việt Nam ra thế giới",
        "Hội nghị giao ban báo chí định kỳ của Ban Tuyên giáo và Bộ",
        "Báo chí chuyển đổi số: mô hình tòa soạn hội tụ",
    ],
    "cong-nghiep-ict": [
        "Doanh nghiệp công nghệ số Việt Nam vươn ra thị trường quốc tế",
        "Mục tiêu đào tạo thêm 500.000 kỹ sư công nghệ thông tin mỗi năm",
        "Sản xuất thiết bị mạng 5G trong nước",
        "Khu công nghệ thông tin tập trung thu hút đầu tư",
        "Doanh thu công nghiệp phần cứng, điện tử tăng trưởng ổn định",
    ],
}

ENGLISH = [
    (
        "tin-hoat-dong",
        "Ministry holds its January 2022 state management briefing",
        "On 10 February 2022 Minister Nguyen Manh Hung chaired the monthly briefing, held online with 11 "
        "connected sites; 2022 was named the year of the all-out push for digital transformation.",
    ),
    (
        "chuyen-doi-so",
        "Smartphone subscriptions reach 91.32 million",
        "Of Viet Nam's mobile subscriptions, 91.32 million now use a smartphone, according to the ministry's "
        "monthly sector overview for January 2022.",
    ),
    (
        "an-toan-thong-tin",
        "1,383 cyber attacks recorded in January 2022",
        "The national cyber security monitoring centre recorded 1,383 attacks on information systems in "
        "Viet Nam in January 2022: 197 phishing, 125 defacement and 1,061 malware attacks.",
    ),
    (
        "cong-nghiep-ict",
        "Viet Nam aims for 500,000 more IT engineers a year",
        "The ICT Industry Department set a goal of adding about 500,000 IT engineers and graduates each year "
        "over the next three years.",
    ),
]

PALETTES = [((163, 21, 26), (255, 196, 0)), ((11, 79, 145), (120, 200, 255)), ((20, 110, 70), (190, 240, 170))]


def _font(size: int):
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def draw_picture(label: str, seed: int) -> SimpleUploadedFile:
    """A 1200×675 picture: a gradient, a stylised conference hall and a caption band."""
    rnd = random.Random(seed)
    top, accent = PALETTES[seed % len(PALETTES)]
    img = Image.new("RGB", (1200, 675), top)
    d = ImageDraw.Draw(img)
    for y in range(675):
        t = y / 675
        d.line([(0, y), (1200, y)], fill=tuple(int(top[i] * (1 - t) + 30 * t) for i in range(3)))
    d.rectangle([80, 90, 1120, 400], fill=(245, 245, 240))
    d.rectangle([100, 110, 1100, 380], fill=accent)
    d.text((600, 245), "★", font=_font(120), fill=top, anchor="mm")
    for row in range(3):
        for col in range(14):
            x, y = 70 + col * 78 + rnd.randint(-4, 4), 440 + row * 55
            d.ellipse([x, y, x + 36, y + 36], fill=(40, 40, 50))
            d.rectangle([x - 6, y + 34, x + 42, y + 52], fill=(60, 60, 80))
    d.rectangle([0, 600, 1200, 675], fill=(0, 0, 0))
    d.text((30, 637), label[:70], font=_font(30), fill=(255, 255, 255), anchor="lm")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=88)
    return SimpleUploadedFile(f"anh-{seed}.jpg", buf.getvalue(), content_type="image/jpeg")


def _body(paragraphs: list[str], caption: str, image_url: str | None) -> str:
    parts = [P.format(paragraphs[0])]
    if image_url:
        parts.append(
            f'<figure class="image"><img src="{image_url}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'
        )
    parts += [P.format(p) for p in paragraphs[1:]]
    return "".join(parts)


def _create(
    *,
    users,
    slug,
    title,
    lead,
    body,
    category,
    tags,
    when,
    byline,
    source,
    language="vi",
    cover=None,
    cover_alt="",
    caption="",
):
    reporter, board = users[Role.REPORTER], users[Role.BOARD]
    art = Article(
        title=title,
        slug=slug,
        lead=lead,
        body=body,
        category=category,
        byline=byline,
        source=source,
        language=language,
        cover=cover,
        cover_alt=cover_alt,
        cover_caption=caption,
    )
    wf.save_new(item=art, user=reporter)
    art.tags.set(tags)
    wf.record_revision(item=art, user=reporter)
    return art, reporter, board, when


def load(*, users, stdout) -> None:
    if Article.objects.exists():
        stdout.write("Tin tức mẫu đã có, bỏ qua.")
        return
    for order, (label, url, n) in enumerate(LINKS):
        WebsiteLink.objects.get_or_create(url=url, defaults={"title": label, "order": n or order})
    cats = {}
    for order, (slug, name, name_en) in enumerate(CATEGORIES):
        cats[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )
    tz = timezone.get_current_timezone()
    reporter, board, admin = users[Role.REPORTER], users[Role.BOARD], users[Role.ADMIN]

    def tag_objs(names):
        return [Tag.objects.get_or_create(slug=vn_slugify(n), defaults={"name": n})[0] for n in names]

    def publish(art, when):
        wf.transition(item=art, action=Action.SUBMIT, user=reporter)
        if when and when < timezone.now():
            # An article of the old portal keeps its date: back-dating is Quản trị's, with a reason.
            wf.transition(item=art, action=Action.PUBLISH, user=admin, publish_at=when,
                          comment="Nạp dữ liệu mẫu: giữ ngày đăng của bài trên cổng cũ.")  # fmt: skip
        else:
            wf.transition(item=art, action=Action.PUBLISH, user=board, publish_at=when)

    seed = 0
    published = []
    for cat, title, lead, paragraphs, tags, when, byline, source in ARTICLES:
        seed += 1
        caption = f"Toàn cảnh: {title[:60]}"
        cover = store_image(draw_picture(title, seed), user=reporter, alt=caption)
        inline = store_image(draw_picture("Quang cảnh hội nghị", seed + 100), user=reporter, alt="Quang cảnh hội nghị")
        art, *_ = _create(
            users=users, slug=vn_slugify(title, 200), title=title, lead=lead,
            body=_body(paragraphs, "Quang cảnh hội nghị", inline.rendition_url("jpeg", 800)),
            category=cats[cat], tags=tag_objs(tags), when=when, byline=byline, source=source,
            cover=cover, cover_alt=caption, caption=caption,
        )  # fmt: skip
        publish(art, timezone.make_aware(when, tz))
        published.append(art)

    now = timezone.now()
    day = 0
    for cat, titles in TOPICS.items():
        for title in titles:
            seed += 1
            day += 1
            when = now - dt.timedelta(days=day, hours=seed % 9)
            lead = f"{title}. Bài viết tổng hợp các số liệu, định hướng và kết quả mới nhất của ngành Thông tin và Truyền thông."
            paragraphs = [
                f"{title} là một trong những nội dung được Bộ Thông tin và Truyền thông quan tâm chỉ đạo trong thời gian qua.",
                "Các đơn vị thuộc Bộ đã phối hợp với địa phương và doanh nghiệp để triển khai, đo lường kết quả và "
                "báo cáo định kỳ tại hội nghị giao ban quản lý nhà nước hằng tháng.",
                "Trong thời gian tới, Bộ sẽ tiếp tục hoàn thiện thể chế, hướng dẫn các bộ, ngành, địa phương và "
                "công bố số liệu thống kê hằng tháng để người dân, doanh nghiệp theo dõi.",
            ]
            cover = store_image(draw_picture(title, seed), user=reporter, alt=title) if seed % 2 == 0 else None
            art, *_ = _create(
                users=users, slug=vn_slugify(title, 200), title=title, lead=lead, body=_body(paragraphs, "", None),
                category=cats[cat], tags=tag_objs([cats[cat].name]), when=when, byline="Phóng viên Cổng TTĐT",
                source="Theo Trung tâm Thông tin", cover=cover, cover_alt=f"Ảnh minh họa: {title}" if cover else "",
                caption="Ảnh minh họa" if cover else "",
            )  # fmt: skip
            published.append(art)
            publish(art, when)

    for cat, title, lead in ENGLISH:
        seed += 1
        art, *_ = _create(
            users=users, slug=vn_slugify(title, 200), title=title, lead=lead,
            body=_body([lead, "The ministry publishes its sector statistics every month on this portal."], "", None),
            category=cats[cat], tags=[], when=None, byline="MIC Information Centre", source="MIC", language="en",
        )  # fmt: skip
        publish(art, now - dt.timedelta(days=seed % 20 + 1))

    # Items in every other state of the workflow.
    def draft(title, author=reporter, **kw):
        art, *_ = _create(
            users={**users, Role.REPORTER: author}, slug=vn_slugify(title, 200), title=title,
            lead=f"{title}: bản thảo đang được biên tập.", body=P.format("Nội dung đang được hoàn thiện."),
            category=kw.pop("category", cats["tin-hoat-dong"]), tags=[], when=None, byline="Phóng viên", source="", **kw,
        )  # fmt: skip
        return art

    draft("Bản nháp: Kế hoạch truyền thông chính sách năm 2024")
    pending = draft("Chờ duyệt: Kết quả chuyển đổi số nội bộ quý IV", category=cats["chuyen-doi-so"])
    wf.transition(item=pending, action=Action.SUBMIT, user=reporter)
    returned = draft("Trả lại: Số liệu thuê bao băng rộng cố định tháng 12")
    wf.transition(item=returned, action=Action.SUBMIT, user=reporter)
    wf.transition(
        item=returned,
        action=Action.RETURN,
        user=board,
        comment="Số liệu chưa khớp với báo cáo của Cục Viễn thông; đề nghị kiểm tra lại.",
    )
    scheduled = draft("Lên lịch: Công bố số liệu thống kê ngành tháng tới", category=cats["buu-chinh-vien-thong"])
    publish(scheduled, now + dt.timedelta(days=3))
    withdrawn = draft("Đã gỡ: Thông báo lịch tiếp công dân (đã thay thế)")
    publish(withdrawn, now - dt.timedelta(days=40))
    wf.transition(
        item=withdrawn, action=Action.WITHDRAW, user=board, comment="Thông báo đã được thay thế bằng lịch mới."
    )
    internal = draft("Nội bộ: Hướng dẫn sử dụng hệ thống quản lý văn bản mới")
    internal.is_internal = True
    internal.save()
    publish(internal, now - dt.timedelta(days=2))
    # A live article with an edit waiting for the board.
    target = published[0]
    changed, _m2m = wf.working_copy(Article.objects.get(pk=target.pk))
    changed.lead = changed.lead + " (bản cập nhật đang chờ duyệt)"
    wf.save_existing(item=changed, user=board)
    wf.record_deferred_change(item=changed, user=board, m2m={"tags": list(target.tags.values_list("pk", flat=True))})
    stdout.write(f"Đã tạo {Article.objects.count()} bài viết mẫu (quản trị: {admin.get_username()}).")
