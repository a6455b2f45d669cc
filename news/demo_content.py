"""The demo articles: written for this portal from the topics and facts of the ministry's own
articles (the five kept in ``tests/news/references/``) and its usual beats.

Rules the demo-content test holds them to (tests/news/test_demo_content.py):
- every article has its own sapo, body paragraphs and caption;
- a title never carries a workflow state ("Chờ duyệt:", "Nháp:"…);
- an article about a reference month (``ref``) gives no figure that reference does not
  give; the other articles give no statistics at all;
- units are named as they were at the time (before spring 2022 the national digital
  transformation department was still "Cục Tin học hóa": the early 2022 articles name none).
"""

from __future__ import annotations

import datetime as dt

REF_2017 = "2017-07-26-trung-tam-thong-tin-6-thang-2017.txt"
REF_2022_01 = "2022-02-10-giao-ban-thang-1-2022.txt"
REF_2022_Q3 = "2022-09-12-giao-ban-quy-3-2022.txt"
REF_2023_02 = "2023-02-01-lam-viec-voi-trung-tam-thong-tin.txt"
REF_2023_05 = "2023-05-30-giao-ban-thang-5-2023.txt"

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


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm)


# Published Vietnamese articles. ``key`` names an article for the English translations and
# the hand-picked related articles; ``views`` seeds the "Đọc nhiều" box.
ARTICLES = [
    {
        "key": "giao-ban-01-2022",
        "ref": REF_2022_01,
        "cat": "tin-hoat-dong",
        "title": "Bộ Thông tin và Truyền thông tổ chức Hội nghị Giao ban quản lý nhà nước tháng 1/2022",
        "lead": "Sáng 10/02/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị Giao ban quản lý nhà nước tháng "
        "01/2022, kết nối trực tuyến 11 điểm cầu. Bộ trưởng xác định năm 2022 là năm tổng tiến công chuyển đổi số "
        "và Bộ phải làm kiểu mẫu về chuyển đổi số trong nội bộ.",
        "paras": [
            "Hội nghị diễn ra theo hình thức trực tuyến, với 11 điểm cầu và một số thiết bị cá nhân. Dự có các "
            "Thứ trưởng cùng đại diện lãnh đạo các Cục, Vụ và đơn vị chuyên môn thuộc Bộ.",
            "Mở đầu phần chỉ đạo, Bộ trưởng nhắc lại rằng năm 2021 là cuộc tổng diễn tập, còn năm 2022 là lúc bước "
            "vào tổng tiến công. Là cơ quan dẫn dắt chuyển đổi số quốc gia, Bộ phải đưa toàn bộ công việc của mình "
            "lên môi trường số để cán bộ đỡ vất vả. Thứ trưởng Nguyễn Huy Dũng được giao chỉ đạo xây dựng kế hoạch "
            "chuyển đổi số của Bộ, trình Bộ trưởng trong tháng 02/2022.",
            "Vì đầu tư cho chuyển đổi số tại các bộ, ngành, địa phương sẽ tăng mạnh trong năm, Bộ trưởng yêu cầu sớm "
            "ban hành văn bản hướng dẫn, bộ tiêu chí đánh giá dự án và lập các tổ hậu kiểm, giám sát, để mỗi đồng "
            "vốn bỏ ra mang lại giá trị đo đếm được.",
            "Về cách làm, mỗi đơn vị lập kế hoạch công tác theo tuần, thông qua Thứ trưởng phụ trách và trình Bộ "
            "trưởng ký trước ngày 20/2/2022; Văn phòng Bộ căn cứ kế hoạch đó để đôn đốc. Trưởng đơn vị giao việc cho "
            "phòng, bộ phận bằng văn bản, có mốc thời gian rõ ràng.",
            "Bộ trưởng cũng lưu ý việc kiện toàn nhân sự làm công tác Đảng của Bộ và các đơn vị, cần hoàn thành "
            "ngay trong tháng 02/2022.",
        ],
        "caption": "Bộ trưởng Nguyễn Mạnh Hùng phát biểu chỉ đạo tại Hội nghị giao ban tháng 01/2022.",
        "inline": "Các đại biểu dự Hội nghị qua điểm cầu trực tuyến.",
        "tags": ["Giao ban", "Chuyển đổi số"],
        "when": at(2022, 2, 10, 11, 30),
        "byline": "Minh Thùy",
        "source": "Theo Trung tâm Thông tin",
        "views": 1840,
        "featured": True,
        "related": ["cam-nang-cds", "attt-01-2022"],
    },
    {
        "key": "attt-01-2022",
        "ref": REF_2022_01,
        "cat": "an-toan-thong-tin",
        "title": "Tháng 01/2022: 1.383 sự cố tấn công mạng được ghi nhận và hướng dẫn khắc phục",
        "lead": "Trong tháng đầu năm 2022, các hệ thống thông tin tại Việt Nam gặp 1.383 sự cố do tấn công mạng, "
        "tăng 10,29% so với tháng 12/2021; mã độc chiếm phần lớn.",
        "paras": [
            "Theo báo cáo tổng quan lĩnh vực an toàn thông tin mạng tháng 01/2022, trong số 1.383 sự cố được ghi "
            "nhận và hướng dẫn khắc phục có 197 cuộc tấn công lừa đảo (Phishing), 125 cuộc thay đổi giao diện "
            "(Deface) và 1.061 cuộc tấn công bằng mã độc (Malware).",
            "Ở chiều ngược lại, số địa chỉ IP của Việt Nam nằm trong các mạng máy tính ma (botnet) là 879.342, "
            "giảm 9,29% so với tháng trước. Đây là kết quả của việc rà soát, bóc gỡ mã độc được duy trì đều đặn.",
            "Về chữ ký số, tổng số chứng thư số công cộng đã cấp tính đến tháng 01/2022 là 4.581.000, tăng 14,1% so "
            "với cùng kỳ năm 2021; số chứng thư đang hoạt động là 1.690.000, tăng 7,03%.",
            "Các cơ quan, tổ chức được khuyến nghị cập nhật bản vá, sao lưu dữ liệu định kỳ và nhắc người dùng cảnh "
            "giác với thư điện tử, đường dẫn lạ, nhất là trong dịp Tết Nguyên đán.",
        ],
        "caption": "Giám sát an toàn thông tin mạng được duy trì liên tục, kể cả trong dịp Tết.",
        "tags": ["An toàn thông tin", "Số liệu tháng"],
        "when": at(2022, 2, 11, 8, 45),
        "byline": "Hoàng Nam",
        "source": "Theo Trung tâm Thông tin",
        "views": 2310,
    },
    {
        "key": "vien-thong-01-2022",
        "ref": REF_2022_01,
        "cat": "buu-chinh-vien-thong",
        "title": "Thuê bao băng rộng cố định hộ gia đình đạt 18,66 triệu",
        "lead": "Đến hết tháng 01/2022, cả nước có 18,66 triệu thuê bao băng rộng cố định hộ gia đình, tăng 16,3% so "
        "với cùng kỳ năm trước; doanh thu dịch vụ viễn thông ước đạt 11,496 nghìn tỷ đồng.",
        "paras": [
            "Số thuê bao băng rộng cố định hộ gia đình tương ứng với 68% số hộ gia đình trên cả nước, cho thấy "
            "Internet cáp quang đã trở thành dịch vụ thiết yếu trong mỗi gia đình.",
            "Trên mạng di động, số thuê bao sử dụng điện thoại thông minh đạt 91,32 triệu, chiếm 72,6% số thuê bao "
            "điện thoại di động và tăng 1,01% so với cùng kỳ năm 2021.",
            "Tổng doanh thu dịch vụ viễn thông tháng 01/2022 ước đạt 11,496 nghìn tỷ đồng, tăng 3% so với cùng kỳ.",
            "Các doanh nghiệp viễn thông được đề nghị tiếp tục nâng chất lượng mạng lưới để phục vụ học tập, làm "
            "việc trực tuyến và các nền tảng số mà người dân sử dụng hằng ngày.",
        ],
        "caption": "Hạ tầng cáp quang đã đến với phần lớn hộ gia đình.",
        "tags": ["Viễn thông", "Số liệu tháng"],
        "when": at(2022, 2, 11, 14, 0),
        "byline": "Hoàng Nam",
        "source": "Theo Trung tâm Thông tin",
        "views": 1520,
    },
    {
        "key": "buu-chinh-01-2022",
        "ref": REF_2022_01,
        "cat": "buu-chinh-vien-thong",
        "title": "Bưu chính tăng trưởng khoảng 30% trong tháng cao điểm Tết Nguyên đán",
        "lead": "Tháng 01/2022 là tháng cao điểm phục vụ Tết Nguyên đán: doanh thu và sản lượng bưu chính tăng "
        "khoảng 30% so với cùng kỳ năm 2021.",
        "paras": [
            "Nhu cầu gửi quà, hàng hóa về quê và mua sắm trực tuyến dịp cuối năm âm lịch đã đẩy sản lượng bưu "
            "gửi lên cao, kéo theo doanh thu của toàn lĩnh vực.",
            "Để bảo đảm hàng đến tay người nhận trước Tết, nhiều doanh nghiệp bưu chính bố trí thêm ca làm việc, "
            "tăng chuyến vận chuyển và mở rộng giờ nhận hàng tại bưu cục.",
            "Cơ quan quản lý đề nghị các doanh nghiệp công khai thời gian toàn trình, giải quyết khiếu nại kịp thời "
            "và bảo đảm an toàn cho người lao động trong những ngày cao điểm.",
        ],
        "caption": "Bưu gửi được phân loại để kịp chuyển phát trước Tết.",
        "tags": ["Bưu chính", "Số liệu tháng"],
        "when": at(2022, 2, 12, 9, 15),
        "byline": "Lan Anh",
        "source": "Theo Trung tâm Thông tin",
        "views": 640,
    },
    {
        "key": "ung-dung-cntt-01-2022",
        "ref": REF_2022_01,
        "cat": "chuyen-doi-so",
        "title": "63/63 địa phương kết nối thử nghiệm với Cơ sở dữ liệu quốc gia về dân cư",
        "lead": "Tính đến ngày 20/01/2022, 96,74% dịch vụ công trực tuyến đủ điều kiện đã được đưa lên mức độ 4; "
        "toàn bộ 63 tỉnh, thành phố đã kết nối thử nghiệm với Cơ sở dữ liệu quốc gia về dân cư.",
        "paras": [
            "Việc kết nối cho phép các địa phương khai thác dịch vụ xác thực thông tin công dân khi giải quyết thủ "
            "tục hành chính và cung cấp dịch vụ công trực tuyến, giảm giấy tờ người dân phải nộp.",
            "Cũng theo số liệu tháng 01/2022, 54/63 tỉnh, thành phố đã xây dựng, cập nhật Kiến trúc Chính quyền "
            "điện tử phiên bản 2.0 và 54/63 địa phương đã có Kế hoạch ứng dụng CNTT 5 năm giai đoạn 2021-2025.",
            "Đã có 52/63 tỉnh, thành phố ban hành Chương trình hoặc Kế hoạch chuyển đổi số. Các địa phương còn lại "
            "được đề nghị sớm hoàn thành để có căn cứ triển khai trong năm.",
        ],
        "caption": "Người dân làm thủ tục hành chính qua dịch vụ công trực tuyến.",
        "tags": ["Dịch vụ công trực tuyến", "Chuyển đổi số", "Số liệu tháng"],
        "when": at(2022, 2, 12, 15, 30),
        "byline": "Thanh Mai",
        "source": "Theo Trung tâm Thông tin",
        "views": 980,
    },
    {
        "key": "bao-chi-01-2022",
        "ref": REF_2022_01,
        "cat": "bao-chi-xuat-ban",
        "title": "Cả nước có 816 cơ quan báo chí",
        "lead": "Theo số liệu tháng 01/2022, cả nước có 816 cơ quan báo chí; số mạng xã hội Việt Nam được cấp phép "
        "là 854 và số tài khoản người dùng các mạng xã hội trong nước đạt 97 triệu.",
        "paras": [
            "Trong 816 cơ quan báo chí có 114 báo và 116 tạp chí thực hiện hai loại hình, 557 báo và tạp chí in, "
            "29 báo và tạp chí điện tử.",
            "Số mạng xã hội Việt Nam được cấp phép tăng 12% so với cùng kỳ 2021; số tài khoản người dùng tăng 6,6%. "
            "Thuê bao truyền hình trả tiền đạt 16,4 triệu, tăng 1,2%.",
            "Ở cơ sở, cả nước có 9.792 đài truyền thanh cấp xã trên tổng số 10.599 xã, phường, thị trấn; trong đó "
            "634 đài đã ứng dụng công nghệ thông tin – viễn thông, tăng 06 đài so với tháng 12/2021.",
        ],
        "caption": "Đài truyền thanh cơ sở vẫn là kênh thông tin gần dân nhất.",
        "tags": ["Báo chí", "Số liệu tháng"],
        "when": at(2022, 2, 14, 10, 0),
        "byline": "Thu Hương",
        "source": "Theo Trung tâm Thông tin",
        "views": 720,
    },
    {
        "key": "ict-01-2022",
        "ref": REF_2022_01,
        "cat": "cong-nghiep-ict",
        "title": "Doanh thu công nghiệp ICT tháng 01/2022 ước đạt 222.762 tỷ đồng",
        "lead": "Tổng doanh thu công nghiệp ICT tháng 01/2022 ước đạt 222.762 tỷ đồng, khoảng 9,6 tỷ USD, giảm "
        "khoảng 23% so với cùng kỳ 2021.",
        "paras": [
            "Tháng đầu năm trùng với kỳ nghỉ Tết Nguyên đán nên số ngày sản xuất ít hơn, khiến doanh thu của khối "
            "phần cứng, điện tử giảm so với cùng kỳ.",
            "Các doanh nghiệp được khuyến khích chủ động nguồn linh kiện, đa dạng thị trường và đầu tư cho nghiên "
            "cứu, thiết kế để nâng giá trị sản phẩm làm ra tại Việt Nam.",
            "Số liệu của lĩnh vực được cập nhật hằng tháng trong mục Thống kê của Cổng thông tin điện tử.",
        ],
        "caption": "Dây chuyền lắp ráp thiết bị điện tử.",
        "tags": ["Công nghiệp ICT", "Số liệu tháng"],
        "when": at(2022, 2, 14, 16, 20),
        "byline": "Đức Minh",
        "source": "Theo Trung tâm Thông tin",
        "views": 410,
    },
    {
        "key": "cam-nang-cds",
        "ref": None,
        "cat": "chuyen-doi-so",
        "title": "Cẩm nang chuyển đổi số: biến điều trừu tượng thành việc làm được ngay",
        "lead": "Mỗi lĩnh vực quản lý của Bộ nên có một cuốn cẩm nang dễ hiểu, dễ làm cho người dân — cách tiếp "
        "cận được Bộ trưởng Nguyễn Mạnh Hùng đặt ra từ đầu năm 2022.",
        "paras": [
            "Chuyển đổi số là cuộc cách mạng toàn dân và toàn diện, vì vậy điểm xuất phát là lợi ích của người dân. "
            "Người dân sẽ dùng một nền tảng số khi thấy nó có ích, và khi đã dùng, họ thường đi trước chính quyền.",
            "Một cuốn cẩm nang tốt trả lời những câu hỏi rất cụ thể: cài ứng dụng nào, đăng ký ra sao, gặp lỗi thì "
            "hỏi ai. Nó biến một khẩu hiệu thành những bước có thể làm ngay, không cần đầu tư thêm.",
            "Với cơ quan quản lý, cẩm nang cũng là một công cụ quản lý nhà nước: khi nhiều người làm theo cùng một "
            "cách, việc thể chế hóa những gì đã đúng trở nên dễ dàng hơn.",
            "Các đơn vị thuộc Bộ được đề nghị bắt đầu từ những nền tảng số phục vụ trực tiếp người dân, viết bằng "
            "ngôn ngữ đời thường và cập nhật thường xuyên theo góp ý của người dùng.",
        ],
        "caption": "Hướng dẫn người cao tuổi cài đặt ứng dụng trên điện thoại.",
        "tags": ["Chuyển đổi số", "Nền tảng số"],
        "when": at(2022, 3, 3, 8, 30),
        "byline": "Thanh Mai",
        "source": "Trung tâm Thông tin",
        "views": 560,
    },
    {
        "key": "giao-ban-q3-2022",
        "ref": REF_2022_Q3,
        "cat": "tin-hoat-dong",
        "title": "Bộ TT&TT tổ chức Hội nghị Giao ban quản lý nhà nước quý III/2022",
        "lead": "Sáng 12/9/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban quý III/2022, thông báo các "
        "quyết định về công tác cán bộ và yêu cầu phát triển các nền tảng bám sát nhu cầu thực tiễn.",
        "paras": [
            "Dự Hội nghị có các Thứ trưởng, lãnh đạo chủ chốt các cơ quan, đơn vị, doanh nghiệp thuộc Bộ, đại diện "
            "lãnh đạo các Sở TT&TT, cơ quan chuyên trách về CNTT của các bộ, ngành và Công đoàn TT&TT.",
            "Bộ trưởng thông báo quyết định của Ban Bí thư điều động Thứ trưởng Phạm Anh Tuấn về công tác tại tỉnh "
            "Bình Định và quyết định của Thủ tướng Chính phủ bổ nhiệm đồng chí Nguyễn Thanh Lâm, Cục trưởng Cục Báo "
            "chí, giữ chức Thứ trưởng.",
            "Thứ trưởng Nguyễn Huy Dũng giới thiệu 3 nền tảng phục vụ quản lý nhà nước của Bộ: trợ lý ảo về TT&TT "
            "Kiki, Nền tảng quản trị và làm việc tổng thể, Cổng Thông tin về dự án đầu tư ứng dụng CNTT.",
            "Kết luận Hội nghị, Bộ trưởng khái quát: chuyển đổi số bao gồm CNTT, số hóa toàn diện, dữ liệu, đổi mới "
            "sáng tạo và công nghệ số; CNTT phục vụ nhà quản lý, còn chuyển đổi số lấy người dùng cuối làm trung tâm.",
        ],
        "caption": "Bộ trưởng Nguyễn Mạnh Hùng phát biểu tại Hội nghị giao ban quý III/2022.",
        "inline": "Thứ trưởng Nguyễn Huy Dũng giới thiệu tiến trình triển khai các nền tảng.",
        "tags": ["Giao ban", "Nền tảng số"],
        "when": at(2022, 9, 12, 16, 0),
        "byline": "Hồng Nhung",
        "source": "Theo Trung tâm Thông tin",
        "views": 1290,
        "related": ["kiki-2022", "chuyen-doi-so-la-gi"],
    },
    {
        "key": "kiki-2022",
        "ref": REF_2022_Q3,
        "cat": "chuyen-doi-so",
        "title": "Trợ lý ảo Kiki phải hoàn thiện các tính năng trước tháng 12/2022",
        "lead": "Được thử nghiệm từ tháng 01/2022 và dùng chính thức từ tháng 4/2022, trợ lý ảo về TT&TT Kiki đã "
        "trả lời được các tri thức cơ bản về văn bản pháp luật, chiến lược và chức năng của các đơn vị thuộc Bộ.",
        "paras": [
            "Kiki phục vụ chủ yếu cán bộ, công chức, viên chức của Bộ. Sau một thời gian huấn luyện, trợ lý ảo trả "
            "lời được câu hỏi về số liệu trong Sách Trắng CNTT&TT, các báo cáo chính thức của Bộ và tri thức chuyên "
            "ngành theo từng lĩnh vực quản lý.",
            "Nền tảng quản trị và làm việc tổng thể cho phép đăng nhập một lần để dùng thư điện tử, văn bản, lịch "
            "làm việc, họp trực tuyến và nhắc việc; nền tảng được dùng thử trong khối công nghệ số từ tháng 9/2022.",
            "Cổng Thông tin về dự án đầu tư ứng dụng CNTT đang được dùng thử trong Cục Chuyển đổi số Quốc gia từ "
            "tháng 8/2022, cho biết mỗi bộ, mỗi tỉnh có bao nhiêu dự án và vốn chi cho từng dự án.",
            "Bộ trưởng giao đến tháng 12/2022 phải hoàn thiện các tính năng của Kiki và sẽ đích thân kiểm tra; theo "
            "Bộ trưởng, một nền tảng càng có nhiều người dùng thì càng thông minh.",
        ],
        "caption": "Cán bộ của Bộ hỏi đáp với trợ lý ảo trên máy tính.",
        "tags": ["Nền tảng số", "Trợ lý ảo"],
        "when": at(2022, 9, 13, 10, 0),
        "byline": "Hồng Nhung",
        "source": "Trung tâm Thông tin",
        "views": 1710,
    },
    {
        "key": "chuyen-doi-so-la-gi",
        "ref": None,
        "cat": "chuyen-doi-so",
        "title": "Từ máy tính riêng lẻ lên điện toán đám mây: chuyển đổi số khác gì ứng dụng CNTT",
        "lead": "Chuyển đổi số không chỉ là mua thêm phần mềm: đó là thay đổi cách làm việc, lấy người dùng làm "
        "trung tâm và chuyển từ những hệ thống riêng lẻ sang nền tảng dùng chung.",
        "paras": [
            "Ứng dụng CNTT thường phục vụ nhà quản lý trước hết. Chuyển đổi số thì mang giá trị đến cho người dùng "
            "cuối, nên mọi thiết kế phải bắt đầu từ câu hỏi người dân, doanh nghiệp cần gì.",
            "Một thay đổi lớn là chuyển từ đầu tư sang thuê dịch vụ và từ máy chủ riêng của từng cơ quan lên điện "
            "toán đám mây. Cơ quan nhà nước tập trung vào việc cần làm, thay vì tự vận hành hạ tầng.",
            "Nền tảng dùng chung phải đơn giản tới mức không cần đào tạo. Trước khi làm một hệ thống mới, các bộ, "
            "ngành, địa phương nên tự hỏi: việc này có làm theo dạng nền tảng được không?",
            "Giá trị của chuyển đổi số phải đo được. Những lợi ích vô hình như thời gian người dân tiết kiệm được "
            "cũng cần được lượng hóa để thấy hiệu quả thật.",
        ],
        "caption": "Phòng máy chủ dùng chung thay cho nhiều hệ thống riêng lẻ.",
        "tags": ["Chuyển đổi số", "Điện toán đám mây"],
        "when": at(2022, 9, 20, 8, 0),
        "byline": "Quang Huy",
        "source": "Trung tâm Thông tin",
        "views": 890,
    },
    {
        "key": "to-cong-nghe-so",
        "ref": None,
        "cat": "chuyen-doi-so",
        "title": "Tổ công nghệ số cộng đồng đi từng ngõ, gõ từng nhà",
        "lead": "Ở nhiều thôn, tổ dân phố, các thành viên tổ công nghệ số cộng đồng đang trực tiếp hướng dẫn người "
        "dân cài đặt và sử dụng các nền tảng số có sẵn.",
        "paras": [
            "Thành viên của tổ thường là cán bộ thôn, đoàn viên thanh niên, giáo viên hay nhân viên bưu điện — những "
            "người quen thuộc với bà con và sẵn sàng ngồi cạnh từng người để làm cùng.",
            "Việc đầu tiên thường rất đơn giản: tạo tài khoản dịch vụ công, thanh toán một hóa đơn điện hay đăng ký "
            "khám bệnh trực tuyến. Khi thấy lợi ích, người dân tự tìm hiểu thêm.",
            "Chuyển trọng tâm từ tổ chuyên gia sang tổ công nghệ số cộng đồng là một trong những thay đổi được Bộ "
            "nhấn mạnh, bởi người dân cần người hướng dẫn ở ngay nơi mình sống.",
        ],
        "caption": "Thành viên tổ công nghệ số cộng đồng hướng dẫn người dân tại nhà văn hóa thôn.",
        "tags": ["Chuyển đổi số", "Tổ công nghệ số cộng đồng"],
        "when": at(2022, 10, 5, 14, 0),
        "byline": "Thanh Mai",
        "source": "Trung tâm Thông tin",
        "views": 1130,
    },
    {
        "key": "attt-cap-do",
        "ref": None,
        "cat": "an-toan-thong-tin",
        "title": "Bảo đảm an toàn hệ thống thông tin theo cấp độ: bắt đầu từ việc lập hồ sơ",
        "lead": "Mỗi hệ thống thông tin của cơ quan nhà nước cần được xác định cấp độ và có phương án bảo vệ tương "
        "ứng trước khi đưa vào vận hành.",
        "paras": [
            "Hồ sơ đề xuất cấp độ mô tả hệ thống phục vụ ai, lưu trữ dữ liệu gì và hậu quả nếu bị tấn công. Đây là "
            "căn cứ để chọn các biện pháp kỹ thuật và quản lý phù hợp.",
            "Sau khi được phê duyệt, đơn vị vận hành phải kiểm tra, đánh giá định kỳ, theo dõi nhật ký và diễn tập "
            "ứng cứu sự cố, thay vì chỉ làm một lần khi nghiệm thu.",
            "Người đứng đầu cơ quan chịu trách nhiệm về an toàn thông tin của hệ thống do mình quản lý; bộ phận "
            "chuyên trách CNTT là đầu mối tham mưu.",
        ],
        "caption": "Cán bộ kỹ thuật theo dõi hệ thống giám sát an toàn thông tin.",
        "tags": ["An toàn thông tin"],
        "when": at(2022, 11, 15, 9, 0),
        "byline": "Hoàng Nam",
        "source": "Trung tâm Thông tin",
        "views": 470,
    },
    {
        "key": "lua-dao-truc-tuyen",
        "ref": None,
        "cat": "an-toan-thong-tin",
        "title": "Nhận diện tin nhắn và trang web giả mạo: những thói quen nên có",
        "lead": "Tin nhắn báo trúng thưởng, đường dẫn yêu cầu “xác minh tài khoản” hay trang web nhái giao diện "
        "ngân hàng vẫn là những chiêu lừa đảo phổ biến.",
        "paras": [
            "Trước khi bấm vào một đường dẫn, hãy xem kỹ tên miền: trang giả mạo thường thêm, bớt một ký tự hoặc "
            "dùng tên miền lạ thay cho địa chỉ chính thức của tổ chức.",
            "Không cung cấp mã xác thực (OTP) cho bất kỳ ai, kể cả người tự xưng là nhân viên ngân hàng hay cơ quan "
            "chức năng. Cơ quan nhà nước không yêu cầu người dân chuyển tiền qua điện thoại.",
            "Khi nghi ngờ, hãy liên hệ trực tiếp tổ chức qua số điện thoại in trên thẻ hoặc trang web chính thức, "
            "và báo cho cơ quan chức năng để cảnh báo người khác.",
        ],
        "caption": "Kiểm tra tên miền trước khi đăng nhập tài khoản trực tuyến.",
        "tags": ["An toàn thông tin", "Lừa đảo trực tuyến"],
        "when": at(2023, 1, 10, 8, 0),
        "byline": "Hoàng Nam",
        "source": "Trung tâm Thông tin",
        "views": 2050,
    },
    {
        "key": "ttt-2023",
        "ref": REF_2023_02,
        "cat": "tin-hoat-dong",
        "title": "Cái mới thì người mới tốt hơn, cái cũ thì người cũ tốt hơn",
        "lead": "Sáng 01/02/2023, Bộ trưởng Nguyễn Mạnh Hùng làm việc với Trung tâm Thông tin và yêu cầu Trung tâm "
        "thống lĩnh hai việc: chuyển đổi số trong Bộ và truyền thông chính sách của Bộ.",
        "paras": [
            "Cùng dự có các Thứ trưởng Phạm Đức Long, Nguyễn Huy Dũng, đại diện lãnh đạo một số đơn vị và toàn thể "
            "cán bộ, viên chức, người lao động của Trung tâm.",
            "Theo Bộ trưởng, Trung tâm có chức năng tương đương hai cục chuyên môn cộng lại: chuyển đổi số nội bộ "
            "và thông tin, tuyên truyền về hoạt động của Bộ. Để làm được, Trung tâm cần năng lượng mới — người dẫn "
            "dắt có thể nhiều tuổi, nhưng người thực thi phải trẻ.",
            "Bộ trưởng giao Trung tâm cung cấp thông tin thường xuyên cho báo chí, tổ chức gặp mặt báo chí hằng "
            "tháng, để lãnh đạo Bộ họp báo mỗi tháng một lần, và xây dựng phòng Lab giới thiệu các sản phẩm chuyển "
            "đổi số đã được đánh giá, sử dụng chính thức.",
            "Báo cáo với Bộ trưởng, Giám đốc Đỗ Công Anh cho biết năm 2023 Trung tâm sẽ tập trung chuyển đổi số toàn "
            "diện, phát triển Cổng TTĐT theo hướng cổng truyền thông đa phương tiện.",
        ],
        "caption": "Bộ trưởng Nguyễn Mạnh Hùng phát biểu tại buổi làm việc với Trung tâm Thông tin.",
        "inline": "Toàn cảnh buổi làm việc tại trụ sở Bộ.",
        "tags": ["Trung tâm Thông tin", "Truyền thông chính sách"],
        "when": at(2023, 2, 1, 15, 0),
        "byline": "Thu Hương - Thảo Anh",
        "source": "Trung tâm Thông tin",
        "views": 1460,
        "related": ["cong-ttdt-2022", "truyen-thong-chinh-sach"],
    },
    {
        "key": "cong-ttdt-2022",
        "ref": REF_2023_02,
        "cat": "tin-hoat-dong",
        "title": "Cổng TTĐT của Bộ xuất hiện trên kết quả tìm kiếm nhiều gấp 2 lần sau một năm",
        "lead": "Đến cuối năm 2022, số lần Cổng thông tin điện tử của Bộ xuất hiện trên kết quả tìm kiếm đã tăng "
        "gấp 2 lần so với đầu năm, khoảng 130.000 lượt mỗi ngày.",
        "paras": [
            "Số lần người dùng bấm vào kết quả tìm kiếm để vào Cổng tăng gấp 1,5 lần, khoảng 5000 lượt mỗi ngày vào "
            "cuối năm 2022.",
            "Trong năm, Ban Biên tập Cổng TTĐT được thành lập theo Quyết định số 847/QĐ-BTTTT ngày 06/5/2022 và có "
            "quy chế hoạt động theo Quyết định số 924/QĐ-BTTTT ngày 20/5/2022. Chuyên trang tiếng Anh được hoàn "
            "thành cùng Vụ Hợp tác quốc tế.",
            "Trung tâm Thông tin cũng quản lý hệ thống thư điện tử của Bộ với 3.280 tài khoản; cuối năm 2022 hệ "
            "thống được cập nhật bản quyền chống thư rác để phát hiện sớm thư rác gửi đến và gửi đi.",
            "Mục tiêu đặt ra là Cổng TTĐT dẫn đầu về tìm kiếm trong lĩnh vực TT&TT và đứng thứ 2 về lượng truy cập "
            "trong các bộ, ngành.",
        ],
        "caption": "Giao diện Cổng thông tin điện tử trên điện thoại và máy tính.",
        "tags": ["Cổng thông tin điện tử", "Trung tâm Thông tin"],
        "when": at(2023, 2, 2, 9, 30),
        "byline": "Thảo Anh",
        "source": "Trung tâm Thông tin",
        "views": 760,
    },
    {
        "key": "truyen-thong-chinh-sach",
        "ref": None,
        "cat": "bao-chi-xuat-ban",
        "title": "Truyền thông chính sách: cung cấp thông tin cho báo chí đều đặn và sớm",
        "lead": "Một chính sách được người dân hiểu đúng khi thông tin về nó đến sớm, rõ ràng và từ nguồn chính "
        "thức. Các cuộc gặp báo chí định kỳ là một cách làm như vậy.",
        "paras": [
            "Tại mỗi cuộc gặp, đơn vị chủ trì soạn thảo giải thích vấn đề chính sách muốn giải quyết, những điểm mới "
            "và tác động đến người dân, doanh nghiệp, rồi trả lời trực tiếp câu hỏi của phóng viên.",
            "Thông cáo, số liệu và tài liệu kèm theo được đăng trên Cổng thông tin điện tử ngay sau cuộc gặp để các "
            "cơ quan báo chí trích dẫn chính xác.",
            "Ý kiến phản hồi của báo chí và bạn đọc được tổng hợp, chuyển đến đơn vị soạn thảo như một kênh lắng "
            "nghe xã hội trước khi chính sách được ban hành.",
        ],
        "caption": "Phóng viên đặt câu hỏi tại buổi gặp mặt báo chí định kỳ.",
        "tags": ["Báo chí", "Truyền thông chính sách"],
        "when": at(2023, 3, 8, 15, 30),
        "byline": "Thu Hương",
        "source": "Trung tâm Thông tin",
        "views": 350,
    },
    {
        "key": "buu-chinh-tmdt",
        "ref": None,
        "cat": "buu-chinh-vien-thong",
        "title": "Bưu chính trong thương mại điện tử: giao nhanh hơn, minh bạch hơn",
        "lead": "Khi mua sắm trực tuyến trở thành thói quen, người nhận hàng quan tâm nhất đến việc biết món hàng "
        "của mình đang ở đâu và bao giờ tới.",
        "paras": [
            "Các doanh nghiệp bưu chính đang số hóa toàn bộ hành trình của bưu gửi, từ lúc nhận hàng đến khi phát, "
            "để người gửi và người nhận tra cứu được trên điện thoại.",
            "Địa chỉ số gắn với mã bưu chính giúp việc định vị người nhận chính xác hơn, nhất là ở khu vực nông thôn, "
            "miền núi, nơi địa chỉ truyền thống thường thiếu số nhà, tên đường.",
            "Mạng lưới bưu cục rộng khắp cũng trở thành điểm hỗ trợ người dân nộp hồ sơ, nhận kết quả thủ tục hành "
            "chính và làm quen với các dịch vụ trực tuyến.",
        ],
        "caption": "Nhân viên bưu chính giao hàng cho người dân ở vùng nông thôn.",
        "tags": ["Bưu chính", "Thương mại điện tử"],
        "when": at(2023, 4, 12, 10, 0),
        "byline": "Lan Anh",
        "source": "Trung tâm Thông tin",
        "views": 300,
    },
    {
        "key": "giao-ban-05-2023",
        "ref": REF_2023_05,
        "cat": "tin-hoat-dong",
        "title": "Bộ TT&TT giao ban quản lý nhà nước tháng 5/2023",
        "lead": "Chiều 30/5/2023, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban theo tinh thần “brain "
        "storming”: mỗi người đứng đầu đơn vị tự xác định việc cốt lõi cần làm đến năm 2025.",
        "paras": [
            "Bộ trưởng mong các trưởng đơn vị tìm ra công việc cốt lõi để đóng góp cho sự phát triển của Ngành, và "
            "biến nó thành công việc mình yêu thích để làm tốt nhất.",
            "Phó Cục trưởng phụ trách Cục Công nghiệp ICT Nguyễn Thiện Nghĩa đặt mục tiêu trong 3 năm tới góp phần "
            "để mỗi năm có thêm khoảng 500.000 kỹ sư, cử nhân CNTT. Cục trưởng Cục Thông tin đối ngoại Phạm Anh Tuấn "
            "mong có một nền tảng để hơn 100 triệu người Việt Nam quảng bá hình ảnh đất nước tới 8 tỷ người.",
            "Bộ trưởng gợi mở: Cục Chuyển đổi số quốc gia có thể hướng tới mỗi công chức có một trợ lý ảo; Cục An "
            "toàn thông tin có thể đặt mục tiêu mỗi smartphone của người dân có một cái khóa bảo vệ; Cục Báo chí cân "
            "nhắc thúc đẩy hình thành các tập đoàn báo chí Nhà nước.",
            "Các Thứ trưởng Nguyễn Thanh Lâm, Nguyễn Huy Dũng, Phan Tâm và Phạm Đức Long tiếp thu chỉ đạo, cho biết "
            "sẽ rà soát các chiến lược đến năm 2025 của khối mình phụ trách.",
        ],
        "caption": "Quang cảnh Hội nghị giao ban quản lý nhà nước tháng 5/2023.",
        "inline": "Phó Cục trưởng phụ trách Cục Công nghiệp ICT Nguyễn Thiện Nghĩa phát biểu.",
        "tags": ["Giao ban", "Nhân lực số"],
        "when": at(2023, 5, 30, 18, 10),
        "byline": "Khôi Nguyên",
        "source": "Theo Báo VietNamNet",
        "views": 1380,
        "related": ["ky-su-cntt", "vung-2-phan-tram"],
    },
    {
        "key": "ky-su-cntt",
        "ref": REF_2023_05,
        "cat": "cong-nghiep-ict",
        "title": "Mục tiêu thêm khoảng 500.000 kỹ sư, cử nhân CNTT mỗi năm",
        "lead": "Cục Công nghiệp ICT đặt mục tiêu trong 3 năm tới tham gia thúc đẩy để mỗi năm có thêm khoảng "
        "500.000 kỹ sư, cử nhân CNTT, góp phần phát triển nhân lực chất lượng cao.",
        "paras": [
            "Mục tiêu được Phó Cục trưởng phụ trách Nguyễn Thiện Nghĩa nêu tại Hội nghị giao ban tháng 5/2023, khi "
            "mỗi người đứng đầu đơn vị được đề nghị tự chọn một việc cốt lõi cho Ngành.",
            "Bên cạnh nhân lực, Bộ trưởng đề xuất Cục đặt ra một con số cụ thể cho tổng doanh thu mà các doanh nghiệp "
            "công nghệ số Việt Nam thu được từ thị trường nước ngoài vào năm 2025.",
            "Để đạt mục tiêu, cần sự phối hợp của các trường đại học, doanh nghiệp và những chương trình đào tạo "
            "ngắn hạn giúp người học sớm làm được việc.",
        ],
        "caption": "Sinh viên công nghệ thông tin trong giờ thực hành.",
        "tags": ["Nhân lực số", "Công nghiệp ICT"],
        "when": at(2023, 5, 31, 9, 0),
        "byline": "Khôi Nguyên",
        "source": "Theo Báo VietNamNet",
        "views": 1950,
    },
    {
        "key": "vung-2-phan-tram",
        "ref": REF_2023_05,
        "cat": "buu-chinh-vien-thong",
        "title": "“Đi vào vùng 2%”: bài học từ quyết định chọn công nghệ số của ngành Bưu điện",
        "lead": "Khi công nghệ analog còn chiếm 98% thị phần thế giới, lãnh đạo Tổng cục Bưu điện đã chọn đi thẳng "
        "vào công nghệ số. Bộ trưởng nhắc lại bài học ấy khi kết luận giao ban tháng 5/2023.",
        "paras": [
            "Nguyên Tổng cục trưởng Tổng cục Bưu điện Đặng Văn Thân — “chú Ba Thân” — cùng tập thể lãnh đạo Tổng cục "
            "đã quyết định bỏ tổng đài analog, chọn công nghệ digital khi công nghệ số mới chiếm 2%.",
            "Quyết định táo bạo ấy tạo nên cuộc cách mạng trong ngành Bưu điện và là nền móng của viễn thông Việt "
            "Nam hiện đại.",
            "Theo Bộ trưởng Nguyễn Mạnh Hùng, Ngành có được ngày hôm nay là nhờ cách đây gần 40 năm đã dám đi vào "
            "vùng 2%; các trưởng đơn vị hôm nay cần tinh thần đổi mới, dám dấn thân như thế.",
        ],
        "caption": "Tổng đài điện tử — bước chuyển của viễn thông Việt Nam thời đổi mới.",
        "tags": ["Viễn thông", "Lịch sử ngành"],
        "when": at(2023, 6, 1, 8, 0),
        "byline": "Khôi Nguyên",
        "source": "Theo Báo VietNamNet",
        "views": 820,
    },
    {
        "key": "bao-chi-nen-tang-so",
        "ref": None,
        "cat": "bao-chi-xuat-ban",
        "title": "Đưa hoạt động của các cơ quan báo chí lên nền tảng số",
        "lead": "Chuyển đổi số trong báo chí không dừng ở việc có trang điện tử: đó là thay đổi cách tòa soạn sản "
        "xuất, phân phối nội dung và hiểu bạn đọc.",
        "paras": [
            "Mô hình tòa soạn hội tụ cho phép một đội ngũ làm ra nội dung cho nhiều kênh cùng lúc: báo in, báo điện "
            "tử, video và mạng xã hội, với một quy trình biên tập thống nhất.",
            "Dữ liệu về hành vi đọc giúp tòa soạn biết bạn đọc quan tâm điều gì, đọc vào lúc nào, từ đó điều chỉnh "
            "cách trình bày mà vẫn giữ tôn chỉ, mục đích.",
            "Hình thành các cơ quan báo chí lớn, có sức ảnh hưởng và làm chủ nền tảng phân phối là hướng đi được Bộ "
            "gợi mở cho Cục Báo chí.",
        ],
        "caption": "Biên tập viên làm việc trong một tòa soạn hội tụ.",
        "tags": ["Báo chí", "Chuyển đổi số"],
        "when": at(2023, 6, 20, 14, 0),
        "byline": "Thu Hương",
        "source": "Trung tâm Thông tin",
        "views": 430,
    },
    {
        "key": "doanh-nghiep-ra-nuoc-ngoai",
        "ref": None,
        "cat": "cong-nghiep-ict",
        "title": "Doanh nghiệp công nghệ số Việt Nam tìm đường ra thị trường nước ngoài",
        "lead": "Từ gia công phần mềm đến sản phẩm mang thương hiệu riêng, các doanh nghiệp công nghệ số Việt Nam "
        "đang tìm chỗ đứng trên thị trường quốc tế.",
        "paras": [
            "Lợi thế của doanh nghiệp Việt là đội ngũ kỹ sư trẻ, chi phí hợp lý và khả năng thích nghi nhanh với "
            "yêu cầu của khách hàng ở nhiều múi giờ.",
            "Để đi xa hơn, doanh nghiệp cần đầu tư cho chất lượng, bảo mật và các chứng chỉ quốc tế, đồng thời hiểu "
            "pháp luật, văn hóa của thị trường mình hướng tới.",
            "Cơ quan quản lý hỗ trợ bằng cách kết nối thị trường, tổ chức xúc tiến và theo dõi doanh thu từ nước "
            "ngoài của doanh nghiệp công nghệ số như một chỉ tiêu của ngành.",
        ],
        "caption": "Kỹ sư phần mềm trao đổi với đối tác nước ngoài qua hội nghị trực tuyến.",
        "tags": ["Công nghiệp ICT", "Kinh tế số"],
        "when": at(2023, 7, 18, 9, 30),
        "byline": "Đức Minh",
        "source": "Trung tâm Thông tin",
        "views": 520,
    },
    {
        "key": "kinh-te-so-dnnvv",
        "ref": None,
        "cat": "chuyen-doi-so",
        "title": "Kinh tế số: doanh nghiệp nhỏ và vừa bắt đầu từ những việc đơn giản",
        "lead": "Hóa đơn điện tử, bán hàng trên sàn thương mại điện tử, kế toán trên điện toán đám mây — những "
        "bước nhỏ giúp doanh nghiệp nhỏ và vừa tham gia kinh tế số.",
        "paras": [
            "Nhiều hộ kinh doanh bắt đầu bằng việc nhận thanh toán không dùng tiền mặt và mở gian hàng trực tuyến, "
            "chi phí thấp mà tiếp cận được khách hàng ở xa.",
            "Thuê phần mềm quản lý theo tháng thay vì mua đứt giúp doanh nghiệp không phải đầu tư lớn ban đầu và "
            "luôn dùng phiên bản mới nhất.",
            "Các nền tảng số do doanh nghiệp Việt phát triển, được cơ quan quản lý đánh giá và giới thiệu, là lựa "
            "chọn an toàn cho doanh nghiệp mới bắt đầu.",
        ],
        "caption": "Chủ cửa hàng nhỏ nhận thanh toán bằng mã QR.",
        "tags": ["Kinh tế số", "Chuyển đổi số"],
        "when": at(2023, 8, 22, 8, 30),
        "byline": "Quang Huy",
        "source": "Trung tâm Thông tin",
        "views": 610,
    },
    {
        "key": "ttt-6-thang-2017",
        "ref": REF_2017,
        "cat": "tin-hoat-dong",
        "title": "Trung tâm Thông tin báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2017",
        "lead": "Ngày 26/7/2017, Thứ trưởng Nguyễn Thành Hưng nghe Trung tâm Thông tin báo cáo: trong 6 tháng đầu "
        "năm, Cổng TTĐT của Bộ có hơn 1,6 triệu lượt truy cập và 97 triệu lượt request, tăng 16,3% so với cùng kỳ.",
        "paras": [
            "Giám đốc Trung tâm Võ Quốc Trường cho biết Trung tâm thường xuyên cập nhật định hướng, chỉ đạo và hoạt "
            "động của Lãnh đạo Bộ và toàn Ngành, đồng thời tích hợp dịch vụ công trực tuyến của các đơn vị lên Cổng.",
            "Theo báo cáo đánh giá mức độ ứng dụng CNTT năm 2016, Cổng TTĐT của Bộ đứng thứ 2 về cung cấp, cập nhật "
            "thông tin và chức năng hỗ trợ. Trung tâm đã thẩm định về kỹ thuật, công nghệ 4 dự án ứng dụng CNTT và "
            "đang xây dựng kiến trúc Bộ TT&TT điện tử phiên bản 1.0.",
            "Thứ trưởng đánh giá cao kết quả quản lý hạ tầng kỹ thuật và yêu cầu 6 tháng cuối năm phổ biến Quy chế "
            "an toàn thông tin tới các đơn vị, hoàn thiện phương án hạ tầng dùng chung tại trụ sở Bộ và 115 Trần Duy "
            "Hưng, bảo đảm kỹ thuật cho cầu truyền hình trực tuyến của Bộ.",
        ],
        "caption": "Toàn cảnh cuộc họp báo cáo kết quả 6 tháng đầu năm 2017 của Trung tâm Thông tin.",
        "tags": ["Cổng thông tin điện tử", "Trung tâm Thông tin"],
        "when": at(2017, 7, 26, 17, 0),
        "byline": "Văn Long",
        "source": "Trung tâm Thông tin",
        "views": 280,
    },
]

# English versions, each linked both ways to its Vietnamese original (``of``).
ENGLISH = [
    {
        "of": "giao-ban-01-2022",
        "title": "Ministry holds its state management briefing for January 2022",
        "lead": "On the morning of 10 February 2022, Minister Nguyen Manh Hung chaired the monthly briefing for "
        "January 2022, held online with 11 connected sites. He called 2022 the year of the all-out push for "
        "digital transformation.",
        "paras": [
            "Deputy ministers and the heads of the ministry's departments attended from 11 connected sites and a "
            "number of personal devices.",
            "The Minister said the ministry, which leads national digital transformation, must move all of its own "
            "work online first. Deputy Minister Nguyen Huy Dung was asked to submit the ministry's digital "
            "transformation plan within February 2022.",
            "Every unit is to draw up a weekly work plan, approved by the deputy minister in charge and signed by the "
            "Minister before 20 February 2022.",
        ],
        "caption": "Minister Nguyen Manh Hung speaks at the January 2022 briefing.",
        "byline": "Minh Thuy",
    },
    {
        "of": "attt-01-2022",
        "title": "1,383 cyber attacks on Vietnamese information systems in January 2022",
        "lead": "Information systems in Viet Nam suffered 1,383 incidents caused by cyber attacks in January 2022, "
        "10.29% more than in December 2021.",
        "paras": [
            "Of these, 197 were phishing attacks, 125 defacements and 1,061 malware attacks; each was recorded and "
            "its owner guided through the fix.",
            "The number of Vietnamese IP addresses in botnets fell by 9.29% from the previous month, to 879,342.",
        ],
        "caption": "Security monitoring continues around the clock, Tet holiday included.",
        "byline": "Hoang Nam",
    },
    {
        "of": "ttt-2023",
        "title": "Minister asks the Information Centre to lead digital transformation inside the ministry",
        "lead": "Meeting the Information Centre on 1 February 2023, Minister Nguyen Manh Hung asked it to lead "
        "two tasks: digital transformation within the ministry and communication of its policies.",
        "paras": [
            "Deputy Ministers Pham Duc Long and Nguyen Huy Dung attended with the whole staff of the Centre.",
            "The Centre is to brief the press regularly, hold a press conference for the ministry's leaders once a "
            "month and set up a lab showing digital products that have been evaluated and are in official use.",
        ],
        "caption": "Minister Nguyen Manh Hung at the working session with the Information Centre.",
        "byline": "Thu Huong - Thao Anh",
    },
    {
        "of": "giao-ban-05-2023",
        "title": "May 2023 briefing: each unit names its core task to 2025",
        "lead": "Chairing the briefing for May 2023 on 30 May, Minister Nguyen Manh Hung asked the head of every "
        "unit to name the core task the unit will deliver by 2025.",
        "paras": [
            "The ICT Industry Department aims to help add about 500,000 IT engineers and graduates a year over the "
            "next 3 years.",
            "The Department of Foreign Information Service wants a platform through which more than 100 million "
            "Vietnamese people can show their country to 8 billion people around the world.",
        ],
        "caption": "The May 2023 state management briefing.",
        "byline": "Khoi Nguyen",
    },
    {
        "of": "ttt-6-thang-2017",
        "title": "Information Centre reports on its work in the first half of 2017",
        "lead": "On 26 July 2017 Deputy Minister Nguyen Thanh Hung heard the Information Centre report that the "
        "ministry's portal had over 1.6 million visits and 97 million requests in six months, up 16.3%.",
        "paras": [
            "In the 2016 assessment of IT application, the ministry's portal ranked 2nd for information provision "
            "and support functions.",
            "For the second half of the year the Deputy Minister asked the Centre to disseminate the information "
            "security rules to every unit of the ministry.",
        ],
        "caption": "The meeting on the Information Centre's results for the first half of 2017.",
        "byline": "Van Long",
    },
]

# Items in the other states of the workflow: real titles (the state is shown by the admin,
# never written into the title).
OTHER_STATES = [
    {
        "state": "draft",
        "cat": "tin-hoat-dong",
        "title": "Kế hoạch truyền thông chính sách của Bộ",
        "lead": "Dự thảo kế hoạch truyền thông các dự án luật, nghị định do Bộ chủ trì soạn thảo.",
        "paras": ["Phần danh mục chính sách cần truyền thông đang được các đơn vị rà soát, bổ sung."],
    },
    {
        "state": "pending",
        "cat": "chuyen-doi-so",
        "title": "Kết quả chuyển đổi số nội bộ của Bộ",
        "lead": "Tổng hợp kết quả đưa công việc của các đơn vị thuộc Bộ lên môi trường số.",
        "paras": [
            "Bài tổng hợp ý kiến của các đơn vị về những việc đã làm và khó khăn khi làm việc trên môi trường số."
        ],
    },
    {
        "state": "returned",
        "cat": "buu-chinh-vien-thong",
        "title": "Thuê bao băng rộng cố định tăng đều qua các tháng",
        "lead": "Bản thảo phân tích xu hướng phát triển thuê bao băng rộng cố định hộ gia đình.",
        "paras": ["Bản thảo cần đối chiếu lại số liệu với báo cáo tổng quan lĩnh vực hằng tháng trước khi đăng."],
        "comment": "Số liệu chưa khớp với báo cáo tổng quan lĩnh vực; đề nghị kiểm tra lại.",
    },
    {
        "state": "scheduled",
        "cat": "buu-chinh-vien-thong",
        "title": "Lịch công bố số liệu thống kê ngành tháng tới",
        "lead": "Thông báo thời điểm công bố tổng quan số liệu các lĩnh vực của ngành trong tháng tới.",
        "paras": [
            "Số liệu các lĩnh vực bưu chính, viễn thông, ứng dụng CNTT và an toàn thông tin mạng được công bố cùng ngày."
        ],
    },
    {
        "state": "withdrawn",
        "cat": "tin-hoat-dong",
        "title": "Thông báo lịch tiếp công dân của Lãnh đạo Bộ",
        "lead": "Lịch tiếp công dân định kỳ của Lãnh đạo Bộ tại trụ sở cơ quan.",
        "paras": ["Thông báo này đã được thay thế bằng lịch tiếp công dân mới."],
        "comment": "Thông báo đã được thay thế bằng lịch mới.",
    },
    {
        "state": "internal",
        "cat": "tin-hoat-dong",
        "title": "Hướng dẫn sử dụng hệ thống quản lý văn bản mới",
        "lead": "Hướng dẫn cán bộ, công chức của Bộ đăng nhập và xử lý văn bản trên hệ thống mới.",
        "paras": ["Tài liệu hướng dẫn từng bước: đăng nhập một lần, nhận văn bản đến, chuyển xử lý và ký số."],
    },
]
