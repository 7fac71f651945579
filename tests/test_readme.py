"""The README stays true: its demo-logins table is the demo's list of accounts."""

import re
from pathlib import Path

from django.utils import translation

from demo.logins import DEMO_PASSWORD, demo_login_rows

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_the_demo_accounts_with_their_roles_and_units():
    text = README.read_text()
    table = text.split("<!-- demo-logins:start -->")[1].split("<!-- demo-logins:end -->")[0]
    listed = re.findall(r"^\| `([^`]+)` \| (.+?) \| (.+?) \|$", table, flags=re.M)

    with translation.override("vi"):
        expected = [(row.username, row.role, row.unit) for row in demo_login_rows()]

    assert listed == expected
    assert f"**`{DEMO_PASSWORD}`**" in text


def test_readme_names_the_two_commands():
    text = README.read_text()

    assert "make run" in text
    assert "make test" in text
