"""`manage.py demo_logins`: the demo accounts, for people trying the system (`make run`)."""

import textwrap

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from demo.logins import DEMO_PASSWORD, demo_login_rows

NAME_WIDTH = 22
PASSWORD_WIDTH = 18
TEXT_WIDTH = 72


class Command(BaseCommand):
    help = "Print the demo accounts (username, password, role, unit, what to try first)."

    def handle(self, *args, **options):
        rows = demo_login_rows()
        indent = " " * (NAME_WIDTH + PASSWORD_WIDTH)
        self.stdout.write(
            _("Demo accounts (the same password for all: %(password)s)")
            % {"password": DEMO_PASSWORD}
        )
        self.stdout.write("")
        username = pgettext("demo logins column", "Username")
        password = pgettext("demo logins column", "Password")
        details = pgettext("demo logins column", "Role, person, unit and what to try first")
        self.stdout.write(f"{username:<{NAME_WIDTH}}{password:<{PASSWORD_WIDTH}}{details}")
        self.stdout.write("─" * (NAME_WIDTH + PASSWORD_WIDTH + TEXT_WIDTH))
        for row in rows:
            self.stdout.write(
                f"{row.username:<{NAME_WIDTH}}{row.password:<{PASSWORD_WIDTH}}{row.role}"
            )
            self.stdout.write(f"{indent}{row.full_name} – {row.unit}")
            hint = _("Try first: %(hint)s") % {"hint": row.try_first}
            for line in textwrap.wrap(hint, TEXT_WIDTH):
                self.stdout.write(f"{indent}{line}")
            self.stdout.write("")
        found = User.objects.filter(username__in=[row.username for row in rows]).count()
        if found < len(rows):
            self.stderr.write(
                _(
                    "Some demo accounts do not exist yet (%(found)s of %(total)s): run "
                    "“manage.py seed_demo” first."
                )
                % {"found": found, "total": len(rows)}
            )
