"""Messages of Django itself that its Vietnamese catalogue leaves untranslated or says poorly.

Listed here only so that `makemessages` puts them in common's catalogue, which is loaded before
Django's (our apps come first in INSTALLED_APPS) and so provides their Vietnamese.
"""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = [
    gettext_noop("- Select an option -"),
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Run"),
    gettext_noop("Search"),
    gettext_noop("View selected"),
    gettext_noop("History"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]
