"""Outlets, claimants and articles as sources 0001 and 0002 left them, in one migration for a
fresh database (one that ran 0001-0002 takes it as applied). Claimants' link to incidents
stays in 0003: it needs claims, whose first migration needs these tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('sources', '0001_initial'),
        ('sources', '0002_claimant_role_help_text'),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Outlet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True)),
                ('domain', models.CharField(blank=True, db_index=True, max_length=253)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Claimant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=300)),
                ('key', models.CharField(editable=False, max_length=300)),
                ('kind', models.CharField(choices=[('person', 'Person'), ('organisation', 'Organisation'), ('government', 'Government'), ('military', 'Military'), ('armed_group', 'Armed group'), ('unknown', 'Unknown')], default='unknown', max_length=20)),
                ('role', models.CharField(blank=True, help_text="The claimant's role, in the article's words.", max_length=300)),
                ('affiliation', models.CharField(blank=True, max_length=300)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(fields=('key',), name='claimant_unique_key'), models.CheckConstraint(condition=models.Q(('kind__in', ['person', 'organisation', 'government', 'military', 'armed_group', 'unknown'])), name='claimant_kind_valid')],
            },
        ),
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=500)),
                ('url', models.URLField(blank=True, max_length=2000)),
                ('published_on', models.DateField(blank=True, db_index=True, null=True)),
                ('body', models.TextField()),
                ('content_hash', models.CharField(editable=False, max_length=64)),
                ('language', models.CharField(default='en', max_length=16)),
                ('ingested_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('ingested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outlet', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='sources.outlet')),
            ],
            options={
                'ordering': ['-ingested_at', '-id'],
                'constraints': [models.UniqueConstraint(fields=('content_hash',), name='article_unique_content_hash'), models.UniqueConstraint(condition=models.Q(('url', ''), _negated=True), fields=('url',), name='article_unique_url_when_present'), models.CheckConstraint(condition=models.Q(('body', ''), _negated=True), name='article_body_not_empty'), models.CheckConstraint(condition=models.Q(('title', ''), _negated=True), name='article_title_not_empty')],
            },
        ),
    ]
