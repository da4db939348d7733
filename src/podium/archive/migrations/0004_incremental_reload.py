"""IndexState keeps a version and its recent changes, so processes reload only changed events."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_fulltext_table")]

    operations = [
        migrations.AddField(
            model_name="indexstate",
            name="version",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="indexstate",
            name="recent",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
