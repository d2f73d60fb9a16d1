"""Where a claim came from (extractor, with its version, or an editor) and whether an editor
rejected it; the list indexes become partial on "not rejected", which every list filters on."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0009_throttle_cache_table'),
        ('sources', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='claim',
            name='claim_status_kind_upd',
        ),
        migrations.RemoveIndex(
            model_name='claim',
            name='claim_updated',
        ),
        migrations.RemoveIndex(
            model_name='claim',
            name='claim_status_upd',
        ),
        migrations.AddField(
            model_name='claim',
            name='extractor_version',
            field=models.CharField(blank=True, db_default='', default='', help_text="Blank for editors' claims.", max_length=32),
        ),
        migrations.AddField(
            model_name='claim',
            name='origin',
            field=models.CharField(choices=[('extractor', 'Extractor'), ('editor', 'Editor')], db_default='extractor', default='extractor', max_length=16),
        ),
        migrations.AddField(
            model_name='claim',
            name='rejection_reason',
            field=models.CharField(blank=True, choices=[('not_a_claim', 'Not a claim'), ('duplicate', 'Duplicate'), ('wrong_numbers', 'Wrong numbers'), ('wrong_speaker', 'Wrong speaker'), ('other', 'Other')], db_default='', default='', help_text='Set when an editor rejects the claim; rejected claims leave every list.', max_length=16),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('rejection_reason', '')), fields=['status', 'kind', '-updated_at', '-id'], name='claim_status_kind_upd'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('rejection_reason', '')), fields=['-updated_at', '-id'], name='claim_updated'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('rejection_reason', '')), fields=['status', '-updated_at', '-id'], name='claim_status_upd'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('rejection_reason', ''), _negated=True), fields=['-updated_at', '-id'], name='claim_rejected_upd'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('origin__in', ['extractor', 'editor'])), name='claim_origin_valid'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('origin', 'extractor'), ('extractor_version', ''), _connector='OR'), name='claim_editor_has_no_extractor_version'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('rejection_reason', ''), ('rejection_reason__in', ['not_a_claim', 'duplicate', 'wrong_numbers', 'wrong_speaker', 'other']), _connector='OR'), name='claim_rejection_reason_valid'),
        ),
    ]
