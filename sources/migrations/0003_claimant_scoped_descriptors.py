"""Generic descriptors ("police", "witnesses") become one claimant per incident.

Existing data: every claimant whose name is a descriptor is marked generic, and its claims
move to a copy scoped to their incident (a statement's incident is its article's); claims
with no incident stay on the unscoped row, which is dropped if nothing is left on it.
"""

import django.db.models.deletion
from django.db import migrations, models

from sources.models import is_generic_claimant


def scope_generic_claimants(apps, schema_editor):
    Claimant = apps.get_model("sources", "Claimant")
    Claim = apps.get_model("claims", "Claim")
    for claimant in Claimant.objects.all().iterator():
        if not is_generic_claimant(claimant.name):
            continue
        Claimant.objects.filter(pk=claimant.pk).update(generic=True)
        claims = list(
            Claim.objects.filter(claimant=claimant).values_list("pk", "article_id", "incident_id")
        )
        article_incident = dict(
            Claim.objects.filter(
                article_id__in={article for _, article, _ in claims}, incident__isnull=False
            ).values_list("article_id", "incident_id")
        )
        by_incident = {}
        for pk, article, incident in claims:
            incident = incident or article_incident.get(article)
            if incident is not None:
                by_incident.setdefault(incident, []).append(pk)
        for incident, claim_ids in by_incident.items():
            scoped = Claimant.objects.create(
                name=claimant.name,
                key=claimant.key,
                kind=claimant.kind,
                role=claimant.role,
                affiliation=claimant.affiliation,
                generic=True,
                incident_id=incident,
            )
            Claim.objects.filter(pk__in=claim_ids).update(claimant=scoped)
        if not Claim.objects.filter(claimant=claimant).exists():
            Claimant.objects.filter(pk=claimant.pk).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0001_squashed_0013_desk_publication_assignment_webhooks'),
        ('sources', '0001_squashed_0002_claimant_role_help_text'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='claimant',
            name='claimant_unique_key',
        ),
        migrations.AddField(
            model_name='claimant',
            name='generic',
            field=models.BooleanField(default=False, editable=False, help_text='A descriptor ("police", "witnesses"), not a name.'),
        ),
        migrations.AddField(
            model_name='claimant',
            name='incident',
            field=models.ForeignKey(blank=True, editable=False, help_text='For generic descriptors: the incident they spoke about.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='scoped_claimants', to='claims.incident'),
        ),
        migrations.AddConstraint(
            model_name='claimant',
            constraint=models.UniqueConstraint(condition=models.Q(('generic', False)), fields=('key',), name='claimant_unique_key'),
        ),
        migrations.AddConstraint(
            model_name='claimant',
            constraint=models.UniqueConstraint(condition=models.Q(('generic', True), ('incident__isnull', False)), fields=('key', 'incident'), name='claimant_unique_key_per_incident'),
        ),
        migrations.AddConstraint(
            model_name='claimant',
            constraint=models.UniqueConstraint(condition=models.Q(('generic', True), ('incident__isnull', True)), fields=('key',), name='claimant_unique_unscoped_generic_key'),
        ),
        migrations.AddConstraint(
            model_name='claimant',
            constraint=models.CheckConstraint(condition=models.Q(('generic', True), ('incident__isnull', True), _connector='OR'), name='claimant_only_generic_scoped'),
        ),
        migrations.RunPython(scope_generic_claimants, migrations.RunPython.noop),
    ]
