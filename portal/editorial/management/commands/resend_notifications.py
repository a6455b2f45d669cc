"""Send again the notifications that could not be sent (kept as ``FailedMail``)."""

from django.core.management.base import BaseCommand

from portal.editorial.notifications import resend_failed


class Command(BaseCommand):
    help = "Gửi lại các thư thông báo chưa gửi được."

    def handle(self, *args, **options):
        sent, failed = resend_failed(limit=1000)
        self.stdout.write(f"Đã gửi lại {sent} thư; {failed} thư vẫn chưa gửi được.")
