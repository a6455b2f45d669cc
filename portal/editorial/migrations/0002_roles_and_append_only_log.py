from django.db import migrations

ROLES = ["Phóng viên", "Biên tập viên", "Ban Biên tập", "Quản trị"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


APPEND_ONLY = """
CREATE OR REPLACE FUNCTION editorial_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Lịch sử duyệt chỉ được thêm, không được sửa hay xoá';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER editorial_transitionlog_append_only
  BEFORE UPDATE OR DELETE ON editorial_transitionlog
  FOR EACH ROW EXECUTE FUNCTION editorial_log_append_only();
"""

DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS editorial_transitionlog_append_only ON editorial_transitionlog;
DROP FUNCTION IF EXISTS editorial_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunSQL(APPEND_ONLY, DROP_APPEND_ONLY),
    ]
