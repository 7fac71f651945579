"""Project-level promises: settings from the environment, documented; the app refuses to start
insecurely."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings" / "base.py").read_text()
    return set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))


def test_env_example_lists_every_variable_the_settings_read():
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), flags=re.M))

    assert _settings_variables() == listed


def _run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_debug_the_app_refuses_to_start_without_a_secret_key():
    result = _run_settings({"DJANGO_DEBUG": "0"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_with_a_secret_key_the_app_starts_with_debug_off():
    result = _run_settings({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50})

    assert result.returncode == 0, result.stderr


def test_language_and_time_zone():
    from django.conf import settings

    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "vi",
        "Asia/Ho_Chi_Minh",
        True,
    )
