"""Background work of the imports: a worker (`manage.py db_worker`) runs it; tests run it inline."""

from django.tasks import task

from imports.services import import_job_run


@task
def import_job_run_task(job_id: int) -> None:
    import_job_run(job_id=job_id)
