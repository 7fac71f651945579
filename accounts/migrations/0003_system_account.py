from django.contrib.auth.hashers import make_password
from django.db import migrations

SYSTEM_USERNAME = "he-thong"


def create_system_account(apps, schema_editor):
    # The account that acts when no person does: loading reference data, scheduled jobs.
    # It is a superuser with an unusable password, so nobody can sign in as it.
    User = apps.get_model("accounts", "User")
    User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "full_name": "Hệ thống",
            "is_system": True,
            "is_superuser": True,
            "is_staff": False,
            "password": make_password(None),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(create_system_account, migrations.RunPython.noop)]
