"""Mentions, revisions, sub-counts and same-claim groups on claims; matching facts on
incidents, proposals and dismissed contradictions. On PostgreSQL, pg_trgm and a GIN
trigram index on ``Incident.match_text`` (SQLite matching compares trigrams in Python)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate

TRIGRAM_INDEX = "incident_match_text_trgm"


class PostgresOnly(TrigramExtension):
    """CREATE EXTENSION pg_trgm on PostgreSQL; nothing on SQLite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    incident = apps.get_model("claims", "Incident")
    schema_editor.add_index(
        incident, GinIndex(fields=["match_text"], opclasses=["gin_trgm_ops"], name=TRIGRAM_INDEX)
    )


def backfill_reported_on(apps, schema_editor):
    """Existing claims: the day their article was published, else ingested."""
    Claim = apps.get_model("claims", "Claim")
    Article = apps.get_model("sources", "Article")
    day = Article.objects.filter(pk=OuterRef("article_id")).values(
        day=Coalesce("published_on", TruncDate("ingested_at"))
    )
    Claim.objects.update(reported_on=Subquery(day[:1]))


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0010_claim_origin_and_rejection'),
        ('sources', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        PostgresOnly(),
        migrations.CreateModel(
            name='ContradictionDismissal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='IncidentProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('reasons', models.JSONField(blank=True, default=dict, help_text='What the article shares.')),
                ('state', models.CharField(choices=[('proposed', 'Proposed'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], default='proposed', max_length=8)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('note', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['-score', 'id'],
            },
        ),
        migrations.AddField(
            model_name='claim',
            name='mentions',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='claim',
            name='same_as',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.claim'),
        ),
        migrations.AddField(
            model_name='claim',
            name='subcount',
            field=models.BooleanField(default=False, help_text='Part of a larger total: "9 of the injured", "including 4".'),
        ),
        migrations.AddField(
            model_name='claim',
            name='superseded_by',
            field=models.ForeignKey(blank=True, help_text='The later figure that revised this one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='supersedes', to='claims.claim'),
        ),
        migrations.AddField(
            model_name='incident',
            name='first_published_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='incident',
            name='last_published_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='incident',
            name='match_facts',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='incident',
            name='match_text',
            field=models.TextField(blank=True),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['last_published_on'], name='incident_last_published'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('superseded_by', models.F('id')), _negated=True), name='claim_not_superseded_by_itself'),
        ),
        migrations.AddField(
            model_name='contradictiondismissal',
            name='dismissed_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='contradictiondismissal',
            name='first_claim',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim'),
        ),
        migrations.AddField(
            model_name='contradictiondismissal',
            name='second_claim',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim'),
        ),
        migrations.AddField(
            model_name='incidentproposal',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sources.article'),
        ),
        migrations.AddField(
            model_name='incidentproposal',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='incidentproposal',
            name='incident',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='claims.incident'),
        ),
        migrations.AddConstraint(
            model_name='contradictiondismissal',
            constraint=models.UniqueConstraint(fields=('first_claim', 'second_claim'), name='dismissal_unique_pair'),
        ),
        migrations.AddConstraint(
            model_name='contradictiondismissal',
            constraint=models.CheckConstraint(condition=models.Q(('first_claim__lt', models.F('second_claim'))), name='dismissal_pair_ordered'),
        ),
        migrations.AddConstraint(
            model_name='contradictiondismissal',
            constraint=models.CheckConstraint(condition=models.Q(('note', ''), _negated=True), name='dismissal_note_required'),
        ),
        migrations.AddIndex(
            model_name='incidentproposal',
            index=models.Index(fields=['incident', 'state'], name='incidentproposal_state'),
        ),
        migrations.AddConstraint(
            model_name='incidentproposal',
            constraint=models.UniqueConstraint(fields=('incident', 'article'), name='incidentproposal_unique_pair'),
        ),
        migrations.AddConstraint(
            model_name='incidentproposal',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['proposed', 'accepted', 'rejected'])), name='incidentproposal_state_valid'),
        ),
        migrations.AddConstraint(
            model_name='incidentproposal',
            constraint=models.CheckConstraint(condition=models.Q(('state', 'proposed'), ('decided_by__isnull', False), _connector='OR'), name='incidentproposal_decided_by_someone'),
        ),
        migrations.AddField(
            model_name="claim",
            name="reported_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(backfill_reported_on, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
