"""The sectors and indicators of the monthly release "Tổng quan một số lĩnh vực ngành
TT&TT" (as in the January 2022 release). Plain data: used by a data migration and by
the demo; the admin edits the catalogue afterwards."""

SECTORS = [
    ("buu-chinh", "Bưu chính", "Postal services"),
    ("vien-thong", "Viễn thông", "Telecommunications"),
    ("ung-dung-cntt", "Ứng dụng CNTT", "IT application"),
    ("an-toan-thong-tin", "An toàn thông tin mạng", "Cyber security"),
    ("cong-nghiep-ict", "Công nghiệp ICT", "ICT industry"),
    ("bao-chi-truyen-thong", "Báo chí truyền thông", "Press and media"),
]

# code, sector, name, name_en, unit, unit_en, decimals, parent, required, definition
INDICATORS = [
    ("bc-tang-truong-doanh-thu", "buu-chinh", "Tăng trưởng doanh thu, sản lượng bưu chính so với cùng kỳ",
     "Growth of postal revenue and volume, year on year", "%", "%", 0, None, False,
     "Mức tăng trưởng ước tính của doanh thu và sản lượng lĩnh vực bưu chính so với cùng kỳ năm trước."),
    ("vt-doanh-thu", "vien-thong", "Tổng doanh thu dịch vụ viễn thông", "Telecommunication services revenue",
     "nghìn tỷ đồng", "trillion VND", 3, None, True,
     "Tổng doanh thu dịch vụ viễn thông lũy kế đến hết tháng báo cáo (ước tính)."),
    ("vt-thue-bao-smartphone", "vien-thong", "Số thuê bao điện thoại smartphone", "Smartphone subscriptions",
     "triệu thuê bao", "million subscriptions", 2, None, True,
     "Số thuê bao điện thoại di động sử dụng điện thoại thông minh (smartphone)."),
    ("vt-bang-rong-co-dinh-hgd", "vien-thong", "Số thuê bao băng rộng cố định hộ gia đình",
     "Household fixed broadband subscriptions", "triệu thuê bao", "million subscriptions", 2, None, True,
     "Số thuê bao Internet băng rộng cố định của hộ gia đình."),
    ("ud-dvctt-muc-do-4", "ung-dung-cntt", "Tỷ lệ dịch vụ công trực tuyến đủ điều kiện đưa lên mức độ 4",
     "Share of eligible online public services at level 4", "%", "%", 2, None, False,
     "Tỷ lệ dịch vụ công trực tuyến (DVCTT) đủ điều kiện được cung cấp ở mức độ 4."),
    ("ud-ket-noi-csdl-dan-cu", "ung-dung-cntt",
     "Địa phương hoàn thành kết nối thử nghiệm với Cơ sở dữ liệu quốc gia về dân cư",
     "Provinces connected on trial to the National Population Database", "địa phương", "provinces", 0, None, False,
     "Số địa phương (trên 63) đã kết nối thử nghiệm để khai thác dịch vụ xác thực thông tin công dân."),
    ("ud-kien-truc-cqdt", "ung-dung-cntt", "Tỉnh, thành phố xây dựng, cập nhật Kiến trúc Chính quyền điện tử 2.0",
     "Provinces with e-government architecture version 2.0", "tỉnh, thành phố", "provinces", 0, None, False,
     "Số tỉnh, thành phố (trên 63) đã xây dựng, cập nhật Kiến trúc Chính quyền điện tử phiên bản 2.0."),
    ("ud-ke-hoach-cntt-5-nam", "ung-dung-cntt", "Tỉnh, thành phố có Kế hoạch ứng dụng CNTT 5 năm 2021-2025",
     "Provinces with a five-year IT application plan 2021-2025", "tỉnh, thành phố", "provinces", 0, None, False,
     "Số tỉnh, thành phố (trên 63) đã xây dựng Kế hoạch ứng dụng CNTT giai đoạn 2021-2025."),
    ("ud-chuong-trinh-cds", "ung-dung-cntt", "Tỉnh, thành phố ban hành Chương trình/Kế hoạch chuyển đổi số",
     "Provinces with a digital transformation programme or plan", "tỉnh, thành phố", "provinces", 0, None, False,
     "Số tỉnh, thành phố (trên 63) đã ban hành Chương trình hoặc Kế hoạch chuyển đổi số."),
    ("at-su-co-tan-cong", "an-toan-thong-tin", "Sự cố tấn công mạng vào hệ thống thông tin tại Việt Nam",
     "Cyber attacks causing incidents on information systems in Viet Nam", "sự cố", "incidents", 0, None, True,
     "Số sự cố tấn công mạng được ghi nhận và hướng dẫn khắc phục trong tháng."),
    ("at-phishing", "an-toan-thong-tin", "Tấn công lừa đảo (Phishing)", "Phishing attacks", "sự cố", "incidents",
     0, "at-su-co-tan-cong", False, "Số sự cố tấn công lừa đảo (Phishing) trong tháng."),
    ("at-deface", "an-toan-thong-tin", "Tấn công thay đổi giao diện (Deface)", "Defacement attacks", "sự cố",
     "incidents", 0, "at-su-co-tan-cong", False, "Số sự cố tấn công thay đổi giao diện (Deface) trong tháng."),
    ("at-malware", "an-toan-thong-tin", "Tấn công mã độc (Malware)", "Malware attacks", "sự cố", "incidents",
     0, "at-su-co-tan-cong", False, "Số sự cố tấn công bằng mã độc (Malware) trong tháng."),
    ("at-ip-botnet", "an-toan-thong-tin", "Địa chỉ IP Việt Nam nằm trong các mạng botnet",
     "Vietnamese IP addresses in botnets", "địa chỉ", "addresses", 0, None, False,
     "Số địa chỉ IP của Việt Nam nằm trong các mạng máy tính ma (botnet)."),
    ("at-chung-thu-so-da-cap", "an-toan-thong-tin", "Chứng thư số công cộng đã cấp",
     "Public digital certificates issued", "chứng thư số", "certificates", 0, None, False,
     "Tổng số chứng thư số công cộng đã cấp tính đến tháng báo cáo."),
    ("at-chung-thu-so-hoat-dong", "an-toan-thong-tin", "Chứng thư số công cộng đang hoạt động",
     "Active public digital certificates", "chứng thư số", "certificates", 0, None, False,
     "Số chứng thư số công cộng còn hiệu lực trong tháng báo cáo."),
    ("cn-doanh-thu-ict", "cong-nghiep-ict", "Tổng doanh thu công nghiệp ICT", "ICT industry revenue",
     "tỷ đồng", "billion VND", 0, None, True, "Tổng doanh thu công nghiệp ICT trong tháng (ước tính)."),
    ("bc-co-quan-bao-chi", "bao-chi-truyen-thong", "Tổng số cơ quan báo chí", "Press agencies", "cơ quan",
     "agencies", 0, None, False, "Tổng số cơ quan báo chí được cấp phép."),
    ("bc-bao-hai-loai-hinh", "bao-chi-truyen-thong", "Báo thực hiện hai loại hình",
     "Newspapers with two types of publication", "cơ quan", "agencies", 0, "bc-co-quan-bao-chi", False,
     "Số báo thực hiện hai loại hình (in và điện tử)."),
    ("bc-tap-chi-hai-loai-hinh", "bao-chi-truyen-thong", "Tạp chí thực hiện hai loại hình",
     "Magazines with two types of publication", "cơ quan", "agencies", 0, "bc-co-quan-bao-chi", False,
     "Số tạp chí thực hiện hai loại hình (in và điện tử)."),
    ("bc-bao-tap-chi-in", "bao-chi-truyen-thong", "Báo và Tạp chí in", "Print newspapers and magazines",
     "cơ quan", "agencies", 0, "bc-co-quan-bao-chi", False, "Số báo và tạp chí chỉ xuất bản bản in."),
    ("bc-bao-tap-chi-dien-tu", "bao-chi-truyen-thong", "Báo và Tạp chí điện tử",
     "Online newspapers and magazines", "cơ quan", "agencies", 0, "bc-co-quan-bao-chi", False,
     "Số báo và tạp chí chỉ xuất bản điện tử."),
    ("bc-thue-bao-truyen-hinh-tra-tien", "bao-chi-truyen-thong", "Số lượng thuê bao truyền hình trả tiền",
     "Pay TV subscriptions", "triệu thuê bao", "million subscriptions", 1, None, False,
     "Số thuê bao dịch vụ truyền hình trả tiền."),
    ("bc-mang-xa-hoi", "bao-chi-truyen-thong", "Mạng xã hội Việt Nam được cấp phép",
     "Licensed Vietnamese social networks", "mạng xã hội", "social networks", 0, None, False,
     "Số mạng xã hội Việt Nam được cấp phép."),
    ("bc-tai-khoan-mang-xa-hoi", "bao-chi-truyen-thong", "Tài khoản người dùng mạng xã hội Việt Nam",
     "User accounts on Vietnamese social networks", "triệu tài khoản", "million accounts", 0, None, False,
     "Số tài khoản người dùng trên các trang mạng xã hội Việt Nam."),
    ("bc-dai-truyen-thanh-xa", "bao-chi-truyen-thong", "Đài truyền thanh cấp xã", "Commune radio stations",
     "đài", "stations", 0, None, False, "Số đài truyền thanh cấp xã trên cả nước."),
    ("bc-dai-truyen-thanh-cntt", "bao-chi-truyen-thong", "Đài truyền thanh ứng dụng CNTT-VT",
     "Radio stations using ICT", "đài", "stations", 0, None, False,
     "Số đài truyền thanh cấp xã ứng dụng công nghệ thông tin - viễn thông."),
]  # fmt: skip

SOURCE_UNITS = {
    "buu-chinh": "Vụ Bưu chính",
    "vien-thong": "Cục Viễn thông",
    "ung-dung-cntt": "Cục Tin học hóa",
    "an-toan-thong-tin": "Cục An toàn thông tin",
    "cong-nghiep-ict": "Vụ Công nghệ thông tin",
    "bao-chi-truyen-thong": "Cục Báo chí",
}


def load(sector_model, indicator_model) -> None:
    """Create what is missing; never overwrite an edit made in the admin."""
    sectors = {}
    for order, (code, name, name_en) in enumerate(SECTORS, start=1):
        sectors[code], _ = sector_model.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
    made = {}
    for order, row in enumerate(INDICATORS, start=1):
        code, sector, name, name_en, unit, unit_en, decimals, parent, required, definition = row
        made[code], _ = indicator_model.objects.get_or_create(
            code=code,
            defaults={
                "sector": sectors[sector],
                "name": name,
                "name_en": name_en,
                "unit": unit,
                "unit_en": unit_en,
                "decimals": decimals,
                "parent": made.get(parent) if parent else None,
                "required": required,
                "definition": definition,
                "definition_en": DEFINITIONS_EN.get(code, ""),
                "source_unit": SOURCE_UNITS[sector],
                "order": order,
            },
        )


# English definitions, shown on /en/ (filled where the admin left them blank).
DEFINITIONS_EN = {
    "bc-tang-truong-doanh-thu": "Estimated growth of postal revenue and volume on the same period of the previous year.",
    "vt-doanh-thu": "Telecommunication services revenue, cumulative to the end of the month reported (estimate).",
    "vt-thue-bao-smartphone": "Mobile phone subscriptions using a smartphone.",
    "vt-bang-rong-co-dinh-hgd": "Fixed broadband Internet subscriptions of households.",
    "ud-dvctt-muc-do-4": "Share of online public services eligible to be provided at level 4.",
    "ud-ket-noi-csdl-dan-cu": "Provinces (of 63) connected on trial to the National Population Database to verify "
    "citizens' information.",
    "ud-kien-truc-cqdt": "Provinces and cities (of 63) that have built or updated their e-government architecture, "
    "version 2.0.",
    "ud-ke-hoach-cntt-5-nam": "Provinces and cities (of 63) with an IT application plan for 2021-2025.",
    "ud-chuong-trinh-cds": "Provinces and cities (of 63) that have issued a digital transformation programme or plan.",
    "at-su-co-tan-cong": "Cyber attacks causing incidents, recorded and given remediation guidance in the month.",
    "at-phishing": "Phishing incidents in the month.",
    "at-deface": "Website defacement incidents in the month.",
    "at-malware": "Malware incidents in the month.",
    "at-ip-botnet": "Vietnamese IP addresses found in botnets.",
    "at-chung-thu-so-da-cap": "Public digital certificates issued, to the month reported.",
    "at-chung-thu-so-hoat-dong": "Public digital certificates in force in the month reported.",
    "cn-doanh-thu-ict": "ICT industry revenue in the month (estimate).",
    "bc-co-quan-bao-chi": "Licensed press agencies.",
    "bc-bao-hai-loai-hinh": "Newspapers publishing both in print and online.",
    "bc-tap-chi-hai-loai-hinh": "Magazines publishing both in print and online.",
    "bc-bao-tap-chi-in": "Newspapers and magazines published in print only.",
    "bc-bao-tap-chi-dien-tu": "Newspapers and magazines published online only.",
    "bc-thue-bao-truyen-hinh-tra-tien": "Pay TV subscriptions.",
    "bc-mang-xa-hoi": "Licensed Vietnamese social networks.",
    "bc-tai-khoan-mang-xa-hoi": "User accounts on Vietnamese social networks.",
    "bc-dai-truyen-thanh-xa": "Commune-level radio stations in the country.",
    "bc-dai-truyen-thanh-cntt": "Commune-level radio stations using information and telecommunication technology.",
}


def fill_english(indicator_model) -> int:
    """Give the English definition to indicators that have none (never overwrite)."""
    filled = 0
    for code, text in DEFINITIONS_EN.items():
        filled += indicator_model.objects.filter(code=code, definition_en="").update(definition_en=text)
    return filled
