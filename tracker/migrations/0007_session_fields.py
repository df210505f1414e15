"""Issue 13: the session's title, start time, heart rates, ascent and race.

Existing rows carry over: elevation_gain_m (a float filled by file imports)
becomes ascent_m in whole metres, the local start_time is worked out from
started_at in the runner's zone, and an average heart rate outside the
contract's 30-250 is dropped (it was a sensor reading, not a pulse).
"""

import zoneinfo

import django.core.validators
from django.conf import settings
from django.db import migrations, models

MIN_HR, MAX_HR, MAX_ASCENT_M = 30, 250, 10_000
BATCH = 500


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def carry_over(apps, schema_editor):
    Session = apps.get_model("tracker", "Session")
    Profile = apps.get_model("tracker", "Profile")
    zones = {
        user_id: _zone(name) for user_id, name in Profile.objects.values_list("user_id", "time_zone")
    }
    utc = zoneinfo.ZoneInfo("UTC")
    rows = Session.objects.filter(
        models.Q(elevation_gain_m__isnull=False)
        | models.Q(started_at__isnull=False)
        | models.Q(avg_hr__isnull=False)
    ).order_by("pk")
    changed = []
    for session in rows.iterator(chunk_size=BATCH):
        gain = session.elevation_gain_m
        if gain is not None and gain == gain and 0 <= round(gain) <= MAX_ASCENT_M:
            session.ascent_m = round(gain)
        if session.started_at is not None:
            local = session.started_at.astimezone(zones.get(session.user_id, utc))
            session.start_time = local.time().replace(second=0, microsecond=0)
        if session.avg_hr is not None and not MIN_HR <= session.avg_hr <= MAX_HR:
            session.avg_hr = None
        changed.append(session)
        if len(changed) >= BATCH:
            Session.objects.bulk_update(changed, ["ascent_m", "start_time", "avg_hr"])
            changed = []
    Session.objects.bulk_update(changed, ["ascent_m", "start_time", "avg_hr"])


def carry_back(apps, schema_editor):
    Session = apps.get_model("tracker", "Session")
    changed = []
    for session in Session.objects.filter(ascent_m__isnull=False).iterator(chunk_size=BATCH):
        session.elevation_gain_m = float(session.ascent_m)
        changed.append(session)
    Session.objects.bulk_update(changed, ["elevation_gain_m"], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0006_flag_store'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='session',
            name='session_avg_hr_range',
        ),
        migrations.AddField(
            model_name='session',
            name='ascent_m',
            field=models.PositiveIntegerField(blank=True, help_text='Metres climbed.', null=True, validators=[django.core.validators.MaxValueValidator(10000)], verbose_name='ascent (m)'),
        ),
        migrations.AddField(
            model_name='session',
            name='max_hr',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(30), django.core.validators.MaxValueValidator(250)], verbose_name='maximum heart rate'),
        ),
        migrations.AddField(
            model_name='session',
            name='race',
            field=models.BooleanField(blank=True, help_text='The session was a race.', null=True, verbose_name='race'),
        ),
        migrations.AddField(
            model_name='session',
            name='start_time',
            field=models.TimeField(blank=True, help_text='Your local time, HH:MM.', null=True, verbose_name='start time'),
        ),
        migrations.AddField(
            model_name='session',
            name='title',
            field=models.CharField(blank=True, help_text='A name for the session, e.g. “Parkrun”.', max_length=200),
        ),
        migrations.AlterField(
            model_name='session',
            name='avg_hr',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(30), django.core.validators.MaxValueValidator(250)], verbose_name='average heart rate'),
        ),
        migrations.AlterField(
            model_name='session',
            name='started_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(carry_over, carry_back),
        migrations.RemoveField(
            model_name='session',
            name='elevation_gain_m',
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('avg_hr__gte', 30), ('avg_hr__lte', 250)), ('avg_hr__isnull', True), _connector='OR'), name='session_avg_hr_range'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('max_hr__gte', 30), ('max_hr__lte', 250)), ('max_hr__isnull', True), _connector='OR'), name='session_max_hr_range'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(('avg_hr__isnull', True), ('max_hr__isnull', True), ('max_hr__gte', models.F('avg_hr')), _connector='OR'), name='session_max_hr_not_below_avg'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('ascent_m__gte', 0), ('ascent_m__lte', 10000)), ('ascent_m__isnull', True), _connector='OR'), name='session_ascent_range'),
        ),
    ]
