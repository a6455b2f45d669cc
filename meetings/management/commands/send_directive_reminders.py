"""Remind lead persons of directives due soon or overdue; run daily (cron or a systemd
timer) on any number of servers: each directive gets at most one e-mail a day."""

from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = "Gửi thư nhắc người chủ trì các nhiệm vụ sắp đến hạn và quá hạn (mỗi nhiệm vụ một lần mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=3,
            help="Nhắc các nhiệm vụ đến hạn trong số ngày này (mặc định 3), cùng các nhiệm vụ đã quá hạn.",
        )

    def handle(self, *args, days: int, verbosity: int = 1, **options):
        if days < 0:
            self.stderr.write("Số ngày phải không âm.")
            return
        sent = services.send_reminders(days=days)
        if verbosity:
            self.stdout.write(f"Đã gửi {sent} thư nhắc việc.")
