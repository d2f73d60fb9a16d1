"""Change actions for matching decisions, dismissed contradictions and group verdicts."""

from django.conf import settings
from django.db import migrations, models

from claims.migrations import _triggers


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0011_matching_mentions_revisions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='claimchange',
            name='claimchange_action_valid',
        ),
        migrations.AlterField(
            model_name='claimchange',
            name='action',
            field=models.CharField(choices=[('added', 'Added by an editor'), ('corrected', 'Corrected'), ('rejected', 'Rejected: not a claim'), ('restored', 'Restored'), ('claimant_renamed', 'Claimant renamed'), ('claimants_merged', 'Claimants merged'), ('claimant_split', 'Split off its claimant'), ('incident_matched', 'Joined an incident (proposal accepted)'), ('match_rejected', 'Proposed incident rejected'), ('conflict_dismissed', 'Contradiction dismissed'), ('group_reviewed', 'Reviewed with its same-claim group')], max_length=32),
        ),
        migrations.AddConstraint(
            model_name='claimchange',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['added', 'corrected', 'rejected', 'restored', 'claimant_renamed', 'claimants_merged', 'claimant_split', 'incident_matched', 'match_rejected', 'conflict_dismissed', 'group_reviewed'])), name='claimchange_action_valid'),
        ),
        migrations.RunPython(_triggers.restore_sqlite_change_trigger, migrations.RunPython.noop),
    ]
