from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from notifications.models import Notification


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.emailed_at is not None:
        return  # delivered already (a retried task)
    link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
    send_mail(
        subject=notification.subject,
        message=f"{notification.body}{link}",
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
