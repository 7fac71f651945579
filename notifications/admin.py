"""Notifications have no page in the administration site, on purpose.

A notification is a line in one person's mailbox (a task handed to them, a deadline, a decision
about their unit's nomination). Administrators manage units, people and roles; reading other
people's mailboxes is not part of that, and the audit log already records every business action
a notification reports. So Notification is not registered on common.admin.admin_site
(tests/admin/test_workflow.py checks it).
"""
