"""Claim changes (added, corrected, rejected, restored, claimant merges): the append-only
record beside reviews, refused UPDATE by a trigger like claims_review."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from claims.migrations import _triggers


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0005_lean_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ClaimChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('added', 'Added by an editor'), ('corrected', 'Corrected'), ('rejected', 'Rejected: not a claim'), ('restored', 'Restored'), ('claimant_renamed', 'Claimant renamed'), ('claimants_merged', 'Claimants merged'), ('claimant_split', 'Split off its claimant')], max_length=32)),
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
                'constraints': [models.CheckConstraint(condition=models.Q(('action__in', ['added', 'corrected', 'rejected', 'restored', 'claimant_renamed', 'claimants_merged', 'claimant_split'])), name='claimchange_action_valid'), models.CheckConstraint(condition=models.Q(('version__isnull', True), ('version__gte', 1), _connector='OR'), name='claimchange_version_positive'), models.UniqueConstraint(fields=('claim', 'version'), name='claimchange_unique_claim_version')],
            },
        ),
        migrations.RunPython(_triggers.add_change_trigger, _triggers.drop_change_trigger),
    ]
