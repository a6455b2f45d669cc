"""The short forms press and staff use for each indicator, and which indicators add up
over months. Plain data: seeded by a data migration (and again by ``seed`` in tests and
the demo); editors change them in the admin afterwards. A weight below 1 marks a word
shared by several indicators ("thuê bao", "doanh thu", "CNTT"): it counts, but a more
specific word in the question decides."""

from __future__ import annotations

# indicator code -> aliases; a (text, weight) pair for a broad word.
ALIASES: dict[str, list] = {
    "bc-tang-truong-doanh-thu": [
        "bưu chính", "doanh thu bưu chính", "sản lượng bưu chính", "tăng trưởng bưu chính",
        "tăng trưởng doanh thu bưu chính", "bưu điện", "chuyển phát", "postal", "postal revenue",
        "postal growth", ("doanh thu", 0.4), ("tăng trưởng", 0.5),
    ],
    "vt-doanh-thu": [
        "doanh thu viễn thông", "doanh thu dịch vụ viễn thông", "doanh thu VT", "telecom revenue",
        "telecommunications revenue", ("viễn thông", 0.6), ("doanh thu", 0.5), ("telecom", 0.6),
    ],
    "vt-thue-bao-smartphone": [
        "thuê bao smartphone", "TB smartphone", "smartphone", "điện thoại thông minh",
        "thuê bao điện thoại thông minh", "thuê bao di động smartphone", "smartphone subscribers",
        "smartphone users", ("thuê bao di động", 0.7), ("di động", 0.6), ("thuê bao", 0.5), ("TB", 0.5),
        ("subscribers", 0.5), ("subscriptions", 0.5),
    ],
    "vt-bang-rong-co-dinh-hgd": [
        "băng rộng cố định", "TB băng rộng cố định", "thuê bao băng rộng", "internet băng rộng cố định",
        "băng rộng", "cáp quang", "internet cáp quang", "internet cố định", "fixed broadband",
        "broadband", "broadband subscriptions", ("internet", 0.6), ("hộ gia đình", 0.6),
        ("thuê bao", 0.5), ("TB", 0.5), ("subscribers", 0.5), ("subscriptions", 0.5),
    ],
    "ud-dvctt-muc-do-4": [
        "DVCTT", "dịch vụ công trực tuyến", "DVC trực tuyến", "DVCTT mức độ 4", "dịch vụ công mức độ 4",
        "dịch vụ công", "mức độ 4", "online public services", "public services", "level 4",
    ],
    "ud-ket-noi-csdl-dan-cu": [
        "cơ sở dữ liệu dân cư", "CSDL dân cư", "CSDL quốc gia về dân cư", "kết nối dân cư",
        "dữ liệu dân cư", "population database", "national population database",
    ],
    "ud-kien-truc-cqdt": [
        "kiến trúc chính quyền điện tử", "kiến trúc CQĐT", "CQĐT 2.0", "chính quyền điện tử",
        "e-government architecture", "e-government",
    ],
    "ud-ke-hoach-cntt-5-nam": [
        "kế hoạch ứng dụng CNTT", "kế hoạch CNTT 5 năm", "kế hoạch 5 năm", "kế hoạch CNTT",
        "IT application plan", ("ứng dụng CNTT", 0.6), ("CNTT", 0.5),
    ],
    "ud-chuong-trinh-cds": [
        "chuyển đổi số", "CĐS", "chương trình chuyển đổi số", "kế hoạch chuyển đổi số",
        "digital transformation", "digital transformation plan",
    ],
    "at-su-co-tan-cong": [
        "sự cố", "sự cố tấn công mạng", "tấn công mạng", "sự cố an toàn thông tin", "sự cố mạng",
        "vụ tấn công mạng", "cuộc tấn công mạng", "cyber attacks", "cyberattacks", "cyber incidents",
        "incidents", ("tấn công", 0.8), ("ATTT", 0.6), ("an toàn thông tin", 0.6), ("an ninh mạng", 0.6),
        ("attacks", 0.7), ("cyber security", 0.6),
    ],
    "at-phishing": ["phishing", "lừa đảo", "tấn công lừa đảo", "lừa đảo trực tuyến", "phishing attacks"],
    "at-deface": ["deface", "thay đổi giao diện", "tấn công thay đổi giao diện", "defacement"],
    "at-malware": ["malware", "mã độc", "tấn công mã độc", "malware attacks", "virus"],
    "at-ip-botnet": [
        "botnet", "mạng botnet", "IP botnet", "địa chỉ IP botnet", "mạng máy tính ma", "botnets",
        ("địa chỉ IP", 0.8), ("IP addresses", 0.8), ("ATTT", 0.6), ("an toàn thông tin", 0.6),
    ],
    "at-chung-thu-so-da-cap": [
        "chứng thư số", "chứng thư số đã cấp", "chứng thư số công cộng", "CTS đã cấp",
        "digital certificates", "certificates issued", ("chữ ký số", 0.6), ("CTS", 0.6),
        ("certificates", 0.6), ("ATTT", 0.6), ("an toàn thông tin", 0.6),
    ],
    "at-chung-thu-so-hoat-dong": [
        "chứng thư số đang hoạt động", "chứng thư số còn hiệu lực", "CTS đang hoạt động",
        "active certificates", "active digital certificates", ("chứng thư số", 0.9), ("đang hoạt động", 0.6),
        ("còn hiệu lực", 0.6),
    ],
    "cn-doanh-thu-ict": [
        "doanh thu công nghiệp ICT", "doanh thu ICT", "công nghiệp ICT", "ICT", "công nghiệp CNTT",
        "doanh thu công nghiệp CNTT", "công nghiệp công nghệ thông tin", "ICT revenue", "ICT industry",
        ("doanh thu", 0.5), ("CNTT", 0.5),
    ],
    "bc-co-quan-bao-chi": [
        "cơ quan báo chí", "báo chí", "số cơ quan báo chí", "press agencies", "press",
        "newspapers and magazines", ("tòa soạn", 0.8),
    ],
    "bc-bao-hai-loai-hinh": ["báo hai loại hình", "báo thực hiện hai loại hình", "báo 2 loại hình"],
    "bc-tap-chi-hai-loai-hinh": ["tạp chí hai loại hình", "tạp chí 2 loại hình", "tạp chí thực hiện hai loại hình"],
    "bc-bao-tap-chi-in": ["báo in", "tạp chí in", "báo giấy", "báo và tạp chí in", "print press", "print newspapers"],
    "bc-bao-tap-chi-dien-tu": [
        "báo điện tử", "tạp chí điện tử", "báo và tạp chí điện tử", "báo mạng", "online newspapers",
        "online press",
    ],
    "bc-thue-bao-truyen-hinh-tra-tien": [
        "truyền hình trả tiền", "thuê bao truyền hình", "thuê bao truyền hình trả tiền", "truyền hình cáp",
        "pay TV", "pay-TV", "pay television", ("truyền hình", 0.8), ("thuê bao", 0.5), ("TB", 0.5),
        ("subscribers", 0.5), ("subscriptions", 0.5),
    ],
    "bc-mang-xa-hoi": [
        "mạng xã hội", "MXH", "mạng xã hội được cấp phép", "mạng xã hội Việt Nam", "social networks",
        "social network", "social media",
    ],
    "bc-tai-khoan-mang-xa-hoi": [
        "tài khoản mạng xã hội", "tài khoản MXH", "người dùng mạng xã hội", "tài khoản người dùng",
        "social network accounts", "social media accounts", "social network users", ("tài khoản", 0.8),
        ("người dùng", 0.6), ("mạng xã hội", 0.7), ("accounts", 0.7),
    ],
    "bc-dai-truyen-thanh-xa": [
        "đài truyền thanh", "đài truyền thanh cấp xã", "đài truyền thanh xã", "đài phát thanh xã",
        "loa phường", "commune radio", "commune radio stations", "radio stations", ("truyền thanh", 0.8),
    ],
    "bc-dai-truyen-thanh-cntt": [
        "đài truyền thanh ứng dụng CNTT", "đài truyền thanh CNTT", "đài truyền thanh CNTT-VT",
        "truyền thanh thông minh", "truyền thanh ứng dụng CNTT", "CNTT-VT", "radio stations using ICT",
        ("truyền thanh", 0.7),
    ],
}  # fmt: skip

# Monthly figures that add up (a month's incidents, a month's revenue): a quarter, a half
# or a year is their sum. Cumulative or stock figures (subscribers, revenue "lũy kế") not.
ADDITIVE = ("at-su-co-tan-cong", "at-phishing", "at-deface", "at-malware", "cn-doanh-thu-ict")


def seed(alias_model=None, options_model=None, indicator_model=None) -> int:
    """Create what is missing (names, aliases, options); never overwrite an edit. Works
    with the migration's historical models. Returns the number of aliases made."""
    if alias_model is None:
        from stats.models import Indicator

        from .models import IndicatorAlias, IndicatorOptions

        alias_model, options_model, indicator_model = IndicatorAlias, IndicatorOptions, Indicator
    indicators = {i.code: i for i in indicator_model.objects.all()}
    made = sync_names(indicators=list(indicators.values()), alias_model=alias_model)
    existing = set(alias_model.objects.values_list("indicator_id", "text"))
    new = []
    for code, entries in ALIASES.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        for entry in entries:
            text, weight = entry if isinstance(entry, tuple) else (entry, 1.0)
            if (indicator.pk, text) not in existing:
                existing.add((indicator.pk, text))
                new.append(alias_model(indicator=indicator, text=text, weight=weight, source="alias"))
    alias_model.objects.bulk_create(new)
    have = set(options_model.objects.values_list("indicator_id", flat=True))
    options_model.objects.bulk_create(
        options_model(indicator=indicators[code], additive=True)
        for code in ADDITIVE
        if code in indicators and indicators[code].pk not in have
    )
    return made + len(new)


def sync_names(*, indicators, alias_model=None) -> int:
    """Each indicator's Vietnamese and English names as aliases (source "name", "name_en"):
    a renamed indicator is found by its new name, and no longer by the old one."""
    if alias_model is None:
        from .models import IndicatorAlias as alias_model
    made = 0
    for indicator in indicators:
        for source, text in (("name", indicator.name), ("name_en", indicator.name_en)):
            text = (text or "").strip()[:200]
            stale = alias_model.objects.filter(indicator=indicator, source=source)
            if not text:
                stale.delete()
                continue
            if stale.filter(text=text).exists():
                continue
            stale.delete()
            alias_model.objects.filter(indicator=indicator, text=text).delete()
            alias_model.objects.create(indicator=indicator, text=text, weight=1.0, source=source)
            made += 1
    return made
