"""Demo content: one account per role and each app's demo items.

Accounts ``phongvien``, ``bientap``, ``banbientap``, ``quantri``, ``vanphong`` get the password in
``DEMO_PASSWORD``; without it a random one is printed once. Those whose role must sign in
with two factors (``banbientap``, ``quantri``, ``vanphong``) get a TOTP authenticator with
the base32 secret in ``DEMO_TOTP_SECRET`` when it is set (``portal/accounts/demo.py``, the
first app's ``load``); without it they set one up at their first sign-in. Each installed app may
provide ``<app>/demo.py`` with ``load(*, users, stdout)``; it must be idempotent
(running ``make run`` twice reuses what exists and loses nothing).
"""

import importlib
import importlib.util
import os
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.editorial.enums import Role

ACCOUNTS = [
    ("phongvien", Role.REPORTER, "Nguyễn Minh Thùy", "Phóng viên"),
    ("bientap", Role.EDITOR, "Trần Văn Hùng", "Biên tập viên"),
    ("banbientap", Role.BOARD, "Lê Thị Thu Hà", "Ban Biên tập"),
    ("quantri", Role.ADMIN, "Phạm Quốc Anh", "Quản trị"),
    ("vanphong", Role.SECRETARIAT, "Đỗ Thị Lan", "Văn phòng"),
]


class Command(BaseCommand):
    help = "Tạo tài khoản mẫu cho mỗi vai trò và nội dung mẫu (idempotent)."

    def handle(self, *args, **options):
        # Demo transitions would otherwise print dozens of notification e-mails.
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        password = os.environ.get("DEMO_PASSWORD")
        generated = None
        users = {}
        with transaction.atomic():
            for username, role, full_name, _label in ACCOUNTS:
                last, _, first = full_name.rpartition(" ")
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "email": f"{username}@mic.gov.vn",
                        "is_staff": True,
                    },
                )
                if created or password:
                    if not password and generated is None:
                        generated = secrets.token_urlsafe(12)
                    user.set_password(password or generated)
                    if role == Role.ADMIN:
                        user.is_superuser = True
                    user.save()
                # The role groups come from a migration; a flushed or hand-edited database may
                # lack one, so the loader makes it rather than failing.
                user.groups.add(Group.objects.get_or_create(name=role.value)[0])
                users[role] = user
        if generated:
            self.stdout.write(
                self.style.WARNING(f"Mật khẩu tạo ngẫu nhiên cho các tài khoản mẫu mới (chỉ in một lần): {generated}")
            )
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            with transaction.atomic():
                module.load(users=users, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp nội dung mẫu."))
