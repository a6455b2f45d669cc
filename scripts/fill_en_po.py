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
    # Meetings and directives (public pages, the calendar feed and the staff tracker).
    "Thời hạn": "Deadline",
    "Nội dung": "Content",
    "Thời gian": "Time",
    "Tóm tắt công khai": "Public summary",
    "Giao ban tháng": "Monthly briefing",
    "Giao ban quý": "Quarterly briefing",
    "Làm việc với đơn vị": "Working session with a unit",
    "Họp báo": "Press conference",
    "Chuyên đề": "Thematic meeting",
    "Trực tiếp": "In person",
    "Trực tuyến": "Online",
    "Kết hợp": "Hybrid",
    "Ngày": "Date",
    "Tháng": "Month",
    "Chưa thực hiện": "Not started",
    "Đang thực hiện": "In progress",
    "Hoàn thành": "Done",
    "Quá hạn": "Overdue",
    "Sắp đến hạn": "Due soon",
    "Mã": "Code",
    "Nội dung nhiệm vụ": "Directive",
    "Cuộc họp": "Meeting",
    "Ngày họp": "Meeting date",
    "Người giao": "Given by",
    "Đơn vị chủ trì": "Lead unit",
    "Người chủ trì": "Lead person",
    "Đơn vị phối hợp": "Supporting units",
    "Hạn cuối (ngày)": "Deadline (date)",
    "Trạng thái": "Status",
    "Ngày hoàn thành": "Completed on",
    "Kết quả": "Result",
    "Nhiệm vụ": "Directive",
    "Lịch giao ban, họp của Bộ Thông tin và Truyền thông": "Meetings of the Ministry of Information and Communications",
    "Tất cả": "All",
    "Chỉ cán bộ của đơn vị chủ trì, người giao nhiệm vụ và quản trị viên được cập nhật tiến độ.": (
        "Only staff of the lead unit, the person who gave the directive and administrators may post progress."
    ),
    "Không tìm thấy cuộc họp.": "Meeting not found.",
    "Không tìm thấy tài liệu.": "Document not found.",
    "Chỉ cán bộ của Bộ được xem theo dõi nhiệm vụ.": "Only ministry staff may see the directive tracker.",
    "Đã cập nhật tiến độ nhiệm vụ.": "Progress posted.",
    "Bản xem trước — chưa phải là nội dung đang xuất bản.": "Preview — not the published version.",
    "Tài liệu lưu hành nội bộ": "Internal document",
    "Loại cuộc họp": "Kind of meeting",
    "Địa điểm": "Place",
    "Hình thức": "Format",
    "Chủ trì": "Chair",
    "Thành phần dự": "Attendees",
    "Chương trình": "Agenda",
    "Kết luận": "Conclusions",
    "Nhiệm vụ được giao": "Directives given",
    "Nhiệm vụ được giao tại cuộc họp và tình trạng thực hiện": "Directives given at the meeting and their status",
    "TT": "No.",
    "Phối hợp": "Supporting",
    "trễ hạn": "late",
    "Cuộc họp không giao nhiệm vụ nào.": "No directives were given at this meeting.",
    "Tài liệu": "Documents",
    "Liên quan": "Related",
    "Bài tin về cuộc họp": "News article about the meeting",
    "Tóm tắt": "Summary",
    "Theo dõi nhiệm vụ": "Directive tracker",
    "Giao tại": "Given at",
    "đến hết ngày": "until the end of",
    "đúng hạn": "on time",
    "Kết quả, minh chứng": "Result and evidence",
    "Tiến độ thực hiện": "Progress",
    "Báo cáo hoàn thành": "Completion report",
    "Tệp kèm theo": "Attachment",
    "Chưa có cập nhật tiến độ.": "No progress posted yet.",
    "Cập nhật tiến độ": "Post progress",
    "Gửi cập nhật": "Send update",
    "Chỉ cán bộ của đơn vị chủ trì, người giao nhiệm vụ và quản trị viên được cập nhật tiến độ nhiệm vụ này.": (
        "Only staff of the lead unit, the person who gave this directive and administrators may post its progress."
    ),
    "Giao ban, họp": "Meetings",
    "Lịch giao ban": "Meeting calendar",
    "Giao ban quản lý nhà nước và các cuộc họp": "State management briefings and meetings",
    "Lọc": "Filter",
    "Thêm lịch họp vào lịch của bạn (.ics)": "Add the meeting calendar to yours (.ics)",
    "Sắp diễn ra": "Upcoming",
    "Chưa có cuộc họp nào sắp diễn ra.": "No upcoming meetings.",
    "Lịch họp tháng %(m)s": "Meetings calendar, %(m)s",
    "Chọn tháng": "Choose a month",
    "Tháng trước": "Previous month",
    "Tháng sau": "Next month",
    "Các cuộc họp trong tháng %(m)s": "Meetings in %(m)s",
    "Thứ hai": "Monday",
    "Thứ ba": "Tuesday",
    "Thứ tư": "Wednesday",
    "Thứ năm": "Thursday",
    "Thứ sáu": "Friday",
    "Thứ bảy": "Saturday",
    "Chủ nhật": "Sunday",
    "Đã diễn ra": "Past meetings",
    "Tháng %(m)s": "Month %(m)s",
    "Chưa có cuộc họp nào.": "No meetings yet.",
    "Theo dõi thực hiện nhiệm vụ": "Directive tracker",
    "Tình trạng tính đến ngày %(d)s.": "Status as of %(d)s.",
    "Bạn: %(n)s (%(u)s).": "You: %(n)s (%(u)s).",
    "Tài khoản của bạn chưa gắn với cán bộ nào, nên mục “Nhiệm vụ của tôi” để trống; hãy đề nghị quản trị viên gắn tài khoản.": (
        "Your account is not linked to a staff member, so “My directives” is empty; ask an administrator to link it."
    ),
    "Lọc nhiệm vụ": "Filter directives",
    "Bỏ lọc": "Clear filters",
    "Tổng hợp theo đơn vị chủ trì": "Summary by lead unit",
    "Đơn vị": "Unit",
    "Không có nhiệm vụ nào.": "No directives.",
    "Danh sách nhiệm vụ (%(n)s)": "Directives (%(n)s)",
    "Tải về Excel (XLSX)": "Download Excel (XLSX)",
    "Tải về CSV": "Download CSV",
    "biên bản chưa được duyệt": "record not yet approved",
    "Không có nhiệm vụ nào khớp với bộ lọc.": "No directive matches the filters.",
    "Trang %(n)s/%(t)s": "Page %(n)s of %(t)s",
    # Calendar column heads (context "thứ viết tắt").
    "T2": "Mon",
    "T3": "Tue",
    "T4": "Wed",
    "T5": "Thu",
    "T6": "Fri",
    "T7": "Sat",
    "CN": "Sun",
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
