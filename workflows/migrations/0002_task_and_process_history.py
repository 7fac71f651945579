"""Field history on viewflow's tasks and on the nomination process (issue 6 §1).

The existing rows get one "created" history row each, dated now and without an author, so that
`manage.py audit_verify` finds every tracked row with its history on an upgraded install.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
import viewflow.workflow.fields
import viewflow.workflow.token
from django.conf import settings
from django.db import migrations, models


BATCH = 2000


def _seed_history(apps, schema_editor, app_label, model_name, history_name):
    model = apps.get_model(app_label, model_name)
    history = apps.get_model("workflows", history_name)
    fields = [f.attname for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    now = django.utils.timezone.now()
    rows = []
    for values in model._base_manager.order_by("pk").values(*fields).iterator(chunk_size=BATCH):
        rows.append(
            history(
                **values,
                history_date=now,
                history_type="+",
                history_change_reason="history started (workflows 0002)",
            )
        )
        if len(rows) == BATCH:
            history._default_manager.bulk_create(rows)
            rows = []
    if rows:
        history._default_manager.bulk_create(rows)


def seed_history(apps, schema_editor):
    _seed_history(apps, schema_editor, "viewflow", "Task", "HistoricalTask")
    _seed_history(
        apps, schema_editor, "workflows", "NominationProcess", "HistoricalNominationProcess"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('nominations', '0001_initial'),
        ('viewflow', '0015_task_scheduled'),
        ('workflows', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalNominationProcess',
            fields=[
                ('process_ptr', models.ForeignKey(auto_created=True, blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, parent_link=True, related_name='+', to='viewflow.process')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('flow_class', viewflow.workflow.fields.FlowReferenceField(max_length=250, verbose_name='Flow')),
                ('status', models.CharField(choices=[('CANCELED', 'Canceled'), ('DONE', 'Done'), ('NEW', 'New')], default='NEW', max_length=50, verbose_name='Status')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='Created')),
                ('finished', models.DateTimeField(blank=True, null=True, verbose_name='Finished')),
                ('data', models.JSONField(blank=True, default=dict)),
                ('seed_object_id', models.PositiveIntegerField(blank=True, null=True)),
                ('artifact_object_id', models.PositiveIntegerField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('artifact_content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('nomination', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='nominations.nomination')),
                ('parent_task', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='viewflow.task')),
                ('seed_content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'historical nomination process',
                'verbose_name_plural': 'historical nomination processes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTask',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('flow_task', viewflow.workflow.fields.TaskReferenceField(max_length=255, verbose_name='Task')),
                ('flow_task_type', models.CharField(max_length=50, verbose_name='Type')),
                ('status', models.CharField(choices=[('ASSIGNED', 'Assigned'), ('CANCELED', 'Canceled'), ('DONE', 'Done'), ('ERROR', 'Error'), ('NEW', 'New'), ('REVIVED', 'Revived'), ('SCHEDULED', 'Scheduled'), ('STARTED', 'Started')], db_index=True, default='NEW', max_length=50, verbose_name='Status')),
                ('created', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='Created')),
                ('assigned', models.DateTimeField(blank=True, null=True, verbose_name='Assigned')),
                ('started', models.DateTimeField(blank=True, null=True, verbose_name='Started')),
                ('finished', models.DateTimeField(blank=True, null=True, verbose_name='Finished')),
                ('scheduled', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='Scheduled')),
                ('token', viewflow.workflow.fields.TokenField(default=viewflow.workflow.token.Token('start'), max_length=150, verbose_name='Token')),
                ('external_task_id', models.CharField(blank=True, db_index=True, max_length=50, null=True, verbose_name='External Task ID')),
                ('owner_permission', models.CharField(blank=True, max_length=255, null=True, verbose_name='Permission')),
                ('owner_permission_obj_pk', models.CharField(blank=True, max_length=255, null=True)),
                ('data', models.JSONField(blank=True, default=dict)),
                ('seed_object_id', models.PositiveIntegerField(blank=True, null=True)),
                ('artifact_object_id', models.PositiveIntegerField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('artifact_content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Owner')),
                ('owner_permission_content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('process', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='viewflow.process', verbose_name='Process')),
                ('seed_content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'historical Task',
                'verbose_name_plural': 'historical Tasks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(seed_history, migrations.RunPython.noop),
    ]
