"""Fill English translations of the public interface into locale/en/LC_MESSAGES/django.po.

Run after `manage.py makemessages -l en -l vi`; existing translations are kept. The
Vietnamese msgids are the source text; the admin stays in Vietnamese.
"""

import re
from pathlib import Path

EN = {
    "Tin tức": "News",
    "Giao ban": "Meetings",
    "Thống kê": "Statistics",
    "Tìm kiếm": "Search",
    "Tiếng Việt": "Vietnamese",
    "Tiếng Anh": "English",
    "Cổng thông tin điện tử Bộ Thông tin và Truyền thông": "Ministry of Information and Communications Portal",
    "Cổng thông tin điện tử Bộ Thông tin và Truyền thông — Tin tức": "Ministry of Information and Communications — News",
    "Tin mới nhất của Bộ Thông tin và Truyền thông": "Latest news from the Ministry of Information and Communications",
    "Tin tức, giao ban và số liệu thống kê của Bộ Thông tin và Truyền thông": "News, meetings and statistics of the Ministry of Information and Communications",
    "Bỏ qua, đến nội dung chính": "Skip to main content",
    "Cổng thông tin điện tử": "Web portal of the",
    "Bộ Thông tin và Truyền thông": "Ministry of Information and Communications",
    "Cỡ chữ và độ tương phản": "Text size and contrast",
    "Giảm cỡ chữ": "Smaller text",
    "Cỡ chữ mặc định": "Default text size",
    "Tăng cỡ chữ": "Larger text",
    "Tương phản cao": "High contrast",
    "Điều hướng chính": "Main navigation",
    "Trang chủ": "Home",
    "Tìm kiếm…": "Search…",
    "Tìm": "Search",
    "Cơ quan chủ quản: Bộ Thông tin và Truyền thông. Địa chỉ: 18 Nguyễn Du, Hà Nội.": "Published by the Ministry of Information and Communications, 18 Nguyen Du, Ha Noi.",
    "Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.": "Please cite this portal when republishing its information.",
    "Thống kê truy cập": "Visits",
    "Đang trực tuyến": "Online now",
    "Hôm nay": "Today",
    "Năm nay": "This year",
    "Tổng số": "Total",
    "Trang chủ Cổng thông tin điện tử Bộ Thông tin và Truyền thông": "Home of the Ministry of Information and Communications Portal",
    "Thông tin thêm": "More information",
    "Liên kết website": "Websites",
    "Tin mới nhất": "Latest news",
    "Chưa có tin nào.": "No news yet.",
    "BẢN XEM TRƯỚC — bạn đọc chưa thấy nội dung này.": "PREVIEW — readers cannot see this yet.",
    "Vị trí trang": "Breadcrumb",
    "Nội bộ": "Internal",
    "Từ khoá": "Tags",
    "Chia sẻ": "Share",
    "In bài viết": "Print",
    "Gửi e-mail": "E-mail",
    "Đánh giá bài viết": "Rate this article",
    "Chọn số điểm": "Choose a score",
    "Gửi đánh giá": "Send rating",
    "Tổng số điểm của bài viết là: %(x)s trong %(n)s đánh giá": "Total score of this article: %(x)s from %(n)s ratings",
    "Tin cùng chuyên mục": "More in this category",
    "Chưa có tin khác.": "No other news.",
    "Chuyên mục": "Categories",
    "Phân trang": "Pagination",
    "Trang trước": "Previous page",
    "Trang %(n)s / %(total)s": "Page %(n)s of %(total)s",
    "Trang sau": "Next page",
    "Từ khoá (có dấu hoặc không dấu)": "Search terms (with or without diacritics)",
    "Tìm thấy %(n)s kết quả cho “%(q)s”.": "%(n)s results for “%(q)s”.",
    "Không tìm thấy kết quả nào cho “%(q)s”. Hãy thử từ khoá khác hoặc ít từ hơn.": "No results for “%(q)s”. Try other or fewer words.",
    "Không tìm thấy trang": "Page not found",
    "Trang bạn tìm không tồn tại hoặc đã được gỡ xuống.": "The page you are looking for does not exist or has been taken down.",
    "Về trang chủ": "Back to the home page",
    "Không tìm thấy bài viết.": "Article not found.",
    "Hãy chọn số điểm từ 1 đến 5.": "Please choose a score from 1 to 5.",
    "Cảm ơn bạn đã đánh giá bài viết.": "Thank you for rating this article.",
    "Trình duyệt này đã đánh giá bài viết trước đó.": "This browser has already rated this article.",
    "Bạn đã đánh giá quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau.": "Too many ratings in a short time. Please try again later.",
}


def main() -> None:
    path = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    out = []
    for entry in entries:
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry, re.M)
        if m:
            msgid = "".join(re.findall(r'"(.*)"', m.group(1)))
            msgstr = "".join(re.findall(r'"(.*)"', m.group(2)))
            unescaped = msgid.replace('\\"', '"')
            if msgid and not msgstr and unescaped in EN:
                new = EN[unescaped].replace('"', '\\"')
                entry = entry[: m.start(2)] + f'"{new}"' + entry[m.end(2) :].lstrip("\n")
                entry = entry.replace("#, fuzzy\n", "")
                if not entry.endswith("\n") and m.end(2) >= len(entry):
                    pass
        out.append(entry)
    path.write_text("\n\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
