"""Claims, reviews, incidents, ingest batches, changes, matching and webhooks as migrations
0001 to 0013 left them, in one migration for a fresh database.

A database that has run 0001-0013 (any earlier release of main) takes this one as applied:
Django sees the ``replaces`` list. What 0001-0013 did besides tables is here once: the
append-only triggers, the ``reviewers`` and ``editors`` groups, PostgreSQL's search and
trigram indexes (with pg_trgm), and the database cache table. Their data migrations
(published verdicts kept public, reported_on backfilled) had rows to change only in a
database that already ran them.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations, models

from claims.migrations import _permissions, _triggers

STATUS_CHOICES = [
    ('unverified', 'Unverified'),
    ('in_review', 'In review'),
    ('confirmed', 'Confirmed'),
    ('disputed', 'Disputed'),
    ('false', 'False'),
    ('unverifiable', 'Unverifiable'),
]
STATUSES = [value for value, _ in STATUS_CHOICES]
VERDICTS = ('confirmed', 'disputed', 'false', 'unverifiable')

SOURCES_VIEW = ["view_article", "view_claimant", "view_outlet"]
GROUPS = {
    "reviewers": {
        "claims": [
            "review_claim",
            "view_claim",
            "view_review",
            "view_incident",
            "regroup_incidents",
            "view_ingestbatch",
            "view_ingestitem",
        ],
        "sources": SOURCES_VIEW,
    },
    "editors": {
        "claims": ["review_claim", "publish_claim", "view_claim", "view_review", "view_incident"],
        "sources": SOURCES_VIEW,
    },
}

# (app, model, index, fields): full-text search, built from the same SearchVector calls that
# claims.selectors filters on so that the planner uses them. SQLite searches by substring.
SEARCH_INDEXES = [
    ("claims", "Claim", "claim_search_gin", ("text", "attribution")),
    ("sources", "Article", "article_title_search_gin", ("title",)),
    ("sources", "Claimant", "claimant_search_gin", ("name", "role")),
]
TRIGRAM_INDEX = "incident_match_text_trgm"
CACHE_TABLE = "django_cache"


class PostgresOnly(TrigramExtension):
    """CREATE EXTENSION pg_trgm on PostgreSQL; nothing on SQLite (it compares trigrams in
    Python)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in SEARCH_INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(
            model, GinIndex(SearchVector(*fields, config="english"), name=name)
        )
    schema_editor.add_index(
        apps.get_model("claims", "Incident"),
        GinIndex(fields=["match_text"], opclasses=["gin_trgm_ops"], name=TRIGRAM_INDEX),
    )


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [name for _, _, name, _ in SEARCH_INDEXES] + [TRIGRAM_INDEX]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_groups(apps, schema_editor):
    for name, codenames_by_app in GROUPS.items():
        _permissions.grant_to_group(apps, name, codenames_by_app)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


def create_cache_table(apps, schema_editor):
    """The database cache, where the anonymous throttle counts for every process at once;
    made whatever settings.CACHES says now, so that switching from Redis later finds it."""
    if CACHE_TABLE not in schema_editor.connection.introspection.table_names():
        command = CreateCacheTable()
        command.verbosity = 0
        command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):

    replaces = [
        ('claims', '0001_initial'),
        ('claims', '0002_review_append_only_and_reviewers_group'),
        ('claims', '0003_ingest_batches'),
        ('claims', '0004_search_indexes'),
        ('claims', '0005_lean_indexes'),
        ('claims', '0006_claim_changes'),
        ('claims', '0007_help_texts'),
        ('claims', '0008_incident_regroup_permission_and_reviewers_follow_ingest'),
        ('claims', '0009_throttle_cache_table'),
        ('claims', '0010_claim_origin_and_rejection'),
        ('claims', '0011_matching_mentions_revisions'),
        ('claims', '0012_change_actions_for_matching'),
        ('claims', '0013_desk_publication_assignment_webhooks'),
    ]

    initial = True

    dependencies = [
        ('sources', '0001_squashed_0002_claimant_role_help_text'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        PostgresOnly(),
        migrations.CreateModel(
            name='Incident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('first_published_on', models.DateField(blank=True, null=True)),
                ('last_published_on', models.DateField(blank=True, null=True)),
                ('match_facts', models.JSONField(blank=True, default=dict)),
                ('match_text', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['last_published_on'], name='incident_last_published')],
                'permissions': [('regroup_incidents', 'Can merge incidents and move claims between them')],
            },
        ),
        migrations.CreateModel(
            name='Claim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('casualty', 'Casualty count'), ('quantity', 'Other quantity'), ('statement', 'Attributed statement')], max_length=16)),
                ('text', models.TextField()),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('attribution', models.CharField(blank=True, help_text='Who said it, as the article words it.', max_length=300)),
                ('outcome', models.CharField(blank=True, choices=[('killed', 'Killed'), ('injured', 'Injured'), ('missing', 'Missing'), ('displaced', 'Displaced'), ('arrested', 'Arrested')], max_length=16)),
                ('count_min', models.PositiveIntegerField(blank=True, null=True)),
                ('count_max', models.PositiveIntegerField(blank=True, null=True)),
                ('approximate', models.BooleanField(default=False, help_text='The article hedges the count (about, nearly, more than).')),
                ('lower_bound', models.BooleanField(default=False, help_text='The count is a minimum (at least, no fewer than).')),
                ('upper_bound', models.BooleanField(default=False, help_text='The count is a maximum (up to, as many as).')),
                ('group', models.CharField(blank=True, help_text="Who the count is of, in the article's words.", max_length=200)),
                ('status', models.CharField(choices=STATUS_CHOICES, default='unverified', max_length=16)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='sources.article')),
                ('claimant', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='sources.claimant')),
                ('incident', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='claims', to='claims.incident')),
                ('extractor_version', models.CharField(blank=True, db_default='', default='', help_text="Blank for editors' claims.", max_length=32)),
                ('origin', models.CharField(choices=[('extractor', 'Extractor'), ('editor', 'Editor')], db_default='extractor', default='extractor', max_length=16)),
                ('rejection_reason', models.CharField(blank=True, choices=[('not_a_claim', 'Not a claim'), ('duplicate', 'Duplicate'), ('wrong_numbers', 'Wrong numbers'), ('wrong_speaker', 'Wrong speaker'), ('other', 'Other')], db_default='', default='', help_text='Set when an editor rejects the claim; rejected claims leave every list.', max_length=16)),
                ('mentions', models.JSONField(blank=True, default=list)),
                ('same_as', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.claim')),
                ('subcount', models.BooleanField(default=False, help_text='Part of a larger total: "9 of the injured", "including 4".')),
                ('superseded_by', models.ForeignKey(blank=True, help_text='The later figure that revised this one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='supersedes', to='claims.claim')),
                ('reported_on', models.DateField(blank=True, null=True)),
                ('assigned_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('assignee', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_claims', to=settings.AUTH_USER_MODEL)),
                ('awaiting_publication', models.BooleanField(db_default=False, default=False, editable=False, help_text='Its latest verdict is not public yet.')),
                ('public_changed_at', models.DateTimeField(blank=True, editable=False, help_text='Last publication or withdrawal.', null=True)),
                ('public_status', models.CharField(choices=STATUS_CHOICES, db_default='unverified', default='unverified', editable=False, help_text='The status readers see: the published verdict, else unverified.', max_length=16)),
                ('publication', models.CharField(choices=[('unpublished', 'Never published'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], db_default='unpublished', default='unpublished', editable=False, max_length=12)),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_version', models.PositiveIntegerField(blank=True, editable=False, help_text='The version whose verdict is public.', null=True)),
                ('withdrawal_reason', models.TextField(blank=True, db_default='', default='', editable=False)),
                ('withdrawn_at', models.DateTimeField(blank=True, editable=False, null=True)),
            ],
            options={
                'ordering': ['article_id', 'start', 'id'],
                'permissions': [('review_claim', 'Can change the verification status of a claim'), ('publish_claim', "Can publish and withdraw a claim's verdict")],
                'indexes': [models.Index(fields=['kind'], name='claim_kind'), models.Index(fields=['outcome'], name='claim_outcome'), models.Index(fields=['incident', 'outcome'], name='claim_incident_outcome'), models.Index(condition=models.Q(('rejection_reason', '')), fields=['status', 'kind', '-updated_at', '-id'], name='claim_status_kind_upd'), models.Index(condition=models.Q(('rejection_reason', '')), fields=['-updated_at', '-id'], name='claim_updated'), models.Index(condition=models.Q(('rejection_reason', '')), fields=['status', '-updated_at', '-id'], name='claim_status_upd'), models.Index(condition=models.Q(('rejection_reason', ''), _negated=True), fields=['-updated_at', '-id'], name='claim_rejected_upd'), models.Index(fields=['assignee', '-updated_at', '-id'], name='claim_assignee_upd'), models.Index(fields=['publication', '-updated_at', '-id'], name='claim_publication_upd'), models.Index(condition=models.Q(('awaiting_publication', True)), fields=['-updated_at', '-id'], name='claim_awaiting_upd'), models.Index(fields=['public_status', '-updated_at', '-id'], name='claim_public_status_upd'), models.Index(condition=models.Q(('publication', 'unpublished'), _negated=True), fields=['-public_changed_at', '-id'], name='claim_public_changed')],
                'constraints': [models.CheckConstraint(condition=models.Q(('count_min__isnull', True), ('count_max__isnull', True), ('count_min__lte', models.F('count_max')), _connector='OR'), name='claim_count_min_lte_max'), models.CheckConstraint(condition=models.Q(('start__gte', 0), ('end__gt', models.F('start'))), name='claim_span_valid'), models.CheckConstraint(condition=models.Q(('status__in', STATUSES)), name='claim_status_valid'), models.CheckConstraint(condition=models.Q(('kind__in', ['casualty', 'quantity', 'statement'])), name='claim_kind_valid'), models.CheckConstraint(condition=models.Q(('outcome', ''), ('outcome__in', ['killed', 'injured', 'missing', 'displaced', 'arrested']), _connector='OR'), name='claim_outcome_valid'), models.CheckConstraint(condition=models.Q(('kind', 'statement'), ('count_min__isnull', False), ('outcome__gt', ''), _connector='OR'), name='claim_count_has_number_or_outcome'), models.CheckConstraint(condition=models.Q(('version__gte', 1)), name='claim_version_positive'), models.UniqueConstraint(fields=('article', 'kind', 'start', 'end'), name='claim_unique_span_per_kind'), models.CheckConstraint(condition=models.Q(('origin__in', ['extractor', 'editor'])), name='claim_origin_valid'), models.CheckConstraint(condition=models.Q(('origin', 'extractor'), ('extractor_version', ''), _connector='OR'), name='claim_editor_has_no_extractor_version'), models.CheckConstraint(condition=models.Q(('rejection_reason', ''), ('rejection_reason__in', ['not_a_claim', 'duplicate', 'wrong_numbers', 'wrong_speaker', 'other']), _connector='OR'), name='claim_rejection_reason_valid'), models.CheckConstraint(condition=models.Q(('superseded_by', models.F('id')), _negated=True), name='claim_not_superseded_by_itself'), models.CheckConstraint(condition=models.Q(('publication__in', ['unpublished', 'published', 'withdrawn'])), name='claim_publication_valid'), models.CheckConstraint(condition=models.Q(models.Q(('publication', 'published'), ('public_status__in', VERDICTS), ('published_version__isnull', False), ('published_version__lte', models.F('version'))), models.Q(models.Q(('publication', 'published'), _negated=True), ('public_status', 'unverified')), _connector='OR'), name='claim_public_status_published_only'), models.CheckConstraint(condition=models.Q(('publication', 'unpublished'), ('public_changed_at__isnull', False), _connector='OR'), name='claim_publication_dated'), models.CheckConstraint(condition=models.Q(models.Q(('publication', 'withdrawn'), _negated=True), models.Q(('withdrawn_at__isnull', False), ('withdrawal_reason__gt', '')), _connector='OR'), name='claim_withdrawal_has_reason'), models.CheckConstraint(condition=models.Q(('awaiting_publication', False), ('status__in', VERDICTS), _connector='OR'), name='claim_awaiting_has_verdict')],
            },
        ),
        migrations.CreateModel(
            name='Review',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=STATUS_CHOICES, max_length=16)),
                ('to_status', models.CharField(choices=STATUS_CHOICES, max_length=16)),
                ('version', models.PositiveIntegerField(help_text="The claim's version after this review.")),
                ('note', models.TextField(help_text='Internal: for the desk, never shown to readers.')),
                ('evidence_urls', models.JSONField(blank=True, default=list)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('claim', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='claims.claim')),
                ('reviewer', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to=settings.AUTH_USER_MODEL)),
                ('evidence_labels', models.JSONField(blank=True, db_default=models.Value({}, output_field=models.JSONField()), default=dict, help_text='Optional label per evidence URL: {url: label}.')),
                ('rationale', models.TextField(blank=True, db_default='', default='', help_text='Public: the reasoning readers see once the verdict is published.')),
            ],
            options={
                'ordering': ['claim_id', 'version'],
                'indexes': [models.Index(fields=['reviewer', '-created_at'], name='review_reviewer_created')],
                'constraints': [models.UniqueConstraint(fields=('claim', 'version'), name='review_unique_claim_version'), models.CheckConstraint(condition=models.Q(('from_status__in', STATUSES), ('to_status__in', STATUSES)), name='review_status_valid'), models.CheckConstraint(condition=models.Q(('version__gte', 2)), name='review_version_after_first')],
            },
        ),
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(default='default', max_length=100)),
                ('key_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('prefix', models.CharField(editable=False, help_text='To recognise a key.', max_length=8)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField(blank=True, null=True)),
                ('last_used_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('user', 'name'), name='apitoken_unique_name_per_user')],
            },
        ),
        migrations.CreateModel(
            name='IngestBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(blank=True, help_text='api, or the command line', max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'ingest batches',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='IngestItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('label', models.CharField(help_text='File name or title, for reports.', max_length=500)),
                ('title', models.CharField(blank=True, max_length=500)),
                ('body', models.TextField(blank=True)),
                ('url', models.CharField(blank=True, max_length=2000)),
                ('outlet', models.CharField(blank=True, max_length=200)),
                ('published_on', models.DateField(blank=True, null=True)),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('done', 'Done'), ('failed', 'Failed')], default='pending', max_length=8)),
                ('created_article', models.BooleanField(default=False)),
                ('error', models.TextField(blank=True)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sources.article')),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='claims.ingestbatch')),
            ],
            options={
                'ordering': ['batch_id', 'position'],
                'indexes': [models.Index(fields=['batch', 'state'], name='ingestitem_batch_state')],
                'constraints': [models.UniqueConstraint(fields=('batch', 'position'), name='ingestitem_unique_position'), models.CheckConstraint(condition=models.Q(('state__in', ['pending', 'done', 'failed'])), name='ingestitem_state_valid')],
            },
        ),
        migrations.CreateModel(
            name='ClaimChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('added', 'Added by an editor'), ('corrected', 'Corrected'), ('rejected', 'Rejected: not a claim'), ('restored', 'Restored'), ('claimant_renamed', 'Claimant renamed'), ('claimants_merged', 'Claimants merged'), ('claimant_split', 'Split off its claimant'), ('assigned', 'Assigned'), ('published', 'Verdict published'), ('withdrawn', 'Verdict withdrawn'), ('conflict_acknowledged', 'Confirmed despite a contradiction'), ('incident_matched', 'Joined an incident (proposal accepted)'), ('match_rejected', 'Proposed incident rejected'), ('conflict_dismissed', 'Contradiction dismissed'), ('group_reviewed', 'Reviewed with its same-claim group')], max_length=32)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('note', models.TextField(blank=True)),
                ('changes', models.JSONField(blank=True, default=dict)),
                ('version', models.PositiveIntegerField(blank=True, help_text="The claim's version after this change.", null=True)),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claim_changes', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='claims.claim')),
            ],
            options={
                'ordering': ['claim_id', 'created_at', 'id'],
                'indexes': [models.Index(fields=['claim', 'created_at'], name='claimchange_claim_created'), models.Index(fields=['action', 'created_at'], name='claimchange_action_created')],
                'constraints': [models.CheckConstraint(condition=models.Q(('version__isnull', True), ('version__gte', 1), _connector='OR'), name='claimchange_version_positive'), models.UniqueConstraint(fields=('claim', 'version'), name='claimchange_unique_claim_version'), models.CheckConstraint(condition=models.Q(('action__in', ['added', 'corrected', 'rejected', 'restored', 'claimant_renamed', 'claimants_merged', 'claimant_split', 'assigned', 'published', 'withdrawn', 'conflict_acknowledged', 'incident_matched', 'match_rejected', 'conflict_dismissed', 'group_reviewed'])), name='claimchange_action_valid')],
            },
        ),
        migrations.CreateModel(
            name='ContradictionDismissal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('dismissed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('first_claim', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim')),
                ('second_claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.UniqueConstraint(fields=('first_claim', 'second_claim'), name='dismissal_unique_pair'), models.CheckConstraint(condition=models.Q(('first_claim__lt', models.F('second_claim'))), name='dismissal_pair_ordered'), models.CheckConstraint(condition=models.Q(('note', ''), _negated=True), name='dismissal_note_required')],
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
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sources.article')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='claims.incident')),
            ],
            options={
                'ordering': ['-score', 'id'],
                'indexes': [models.Index(fields=['incident', 'state'], name='incidentproposal_state')],
                'constraints': [models.UniqueConstraint(fields=('incident', 'article'), name='incidentproposal_unique_pair'), models.CheckConstraint(condition=models.Q(('state__in', ['proposed', 'accepted', 'rejected'])), name='incidentproposal_state_valid'), models.CheckConstraint(condition=models.Q(('state', 'proposed'), ('decided_by__isnull', False), _connector='OR'), name='incidentproposal_decided_by_someone')],
            },
        ),
        migrations.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000)),
                ('secret', models.CharField(help_text='Signs each body: X-Factcheck-Signature: sha256=HMAC(body).', max_length=200)),
                ('events', models.JSONField(default=list, help_text='Any of: verdict.published, verdict.withdrawn, claim.status_changed, claim.added')),
                ('active', models.BooleanField(default=True)),
                ('description', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['url', 'id'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(choices=[('verdict.published', 'Verdict published'), ('verdict.withdrawn', 'Verdict withdrawn'), ('claim.status_changed', 'Status changed'), ('claim.added', 'Claim added')], max_length=40)),
                ('payload', models.JSONField()),
                ('attempt', models.PositiveIntegerField(help_text='1 for the first try.')),
                ('status_code', models.PositiveIntegerField(blank=True, null=True)),
                ('error', models.TextField(blank=True)),
                ('duration_ms', models.FloatField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='claims.webhookendpoint')),
            ],
            options={
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['endpoint', '-created_at'], name='webhookdelivery_endpoint')],
            },
        ),
        migrations.RunPython(_triggers.add_triggers, _triggers.drop_triggers),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
        migrations.RunPython(create_groups, delete_groups),
        migrations.RunPython(create_cache_table, drop_cache_table),
    ]
