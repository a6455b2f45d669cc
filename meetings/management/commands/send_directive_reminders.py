"""Daily reminders: one digest per unit (its directives overdue or due soon, and those it
coordinates) and Văn phòng told of long-overdue directives and of units nobody could be
reached at. Run every working day (cron or a systemd timer) on any number of servers:
each digest goes at most once a day."""

from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = (
        "Gửi thư tổng hợp nhắc việc cho từng đơn vị (nhiệm vụ quá hạn, sắp đến hạn, phối hợp) và báo Văn phòng "
        "nhiệm vụ quá hạn lâu; mỗi thư một lần mỗi ngày làm việc."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Nhắc các nhiệm vụ đến hạn trong số ngày này (mặc định 7), cùng các nhiệm vụ đã quá hạn.",
        )
        parser.add_argument("--force", action="store_true", help="Gửi cả vào ngày nghỉ.")

    def handle(self, *args, days: int, force: bool = False, verbosity: int = 1, **options):
        if days < 0:
            self.stderr.write("Số ngày phải không âm.")
            return
        run = services.send_reminders(days=days, force=force)
        if run.skipped_day:
            if verbosity:
                self.stdout.write("Hôm nay không phải ngày làm việc: không gửi thư nhắc việc (dùng --force để gửi).")
            return
        for plan in run.unreachable:
            self.stderr.write(
                f"Không gửi được cho {plan.unit.name}: {len(plan.lead) + len(plan.coordinating)} nhiệm vụ cần nhắc "
                "nhưng đơn vị chưa có cán bộ gắn tài khoản hay lãnh đạo đơn vị có địa chỉ thư."
            )
        if verbosity:
            self.stdout.write(
                f"Đã gửi {run.sent} thư ({run.digests} thư tổng hợp của đơn vị, "
                f"{run.escalated} nhiệm vụ quá hạn lâu báo Văn phòng); {len(run.unreachable)} đơn vị không nhận được."
            )
