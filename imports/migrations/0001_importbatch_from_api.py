"""ImportBatch moves here from `api` (issue 25 item 15) in Django's state only: its table stays
`api_importbatch` (Meta.db_table), so an upgraded database keeps its rows and nothing is copied.
Its content type is renamed too, so the permissions made for it keep their rows and any grants."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old: str = "api", new: str = "imports") -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="importbatch").exists():
        ContentType.objects.using(db).filter(app_label=old, model="importbatch").update(app_label=new)


def rename_back(apps, schema_editor) -> None:
    rename_content_type(apps, schema_editor, old="imports", new="api")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("api", "0002_import_batches"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("partners", "partners"), ("agreements", "agreements")],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                        ("rows", models.JSONField(default=list, verbose_name="rows")),
                        (
                            "status",
                            models.CharField(
                                choices=[("preview", "preview"), ("done", "imported")],
                                default="preview",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                        (
                            "confirmed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="imported"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uploaded by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "db_table": "api_importbatch",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("confirmed_at__isnull", True), ("status", "preview")),
                                    models.Q(("confirmed_at__isnull", False), ("status", "done")),
                                    _connector="OR",
                                ),
                                name="importbatch_done_when_confirmed",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, rename_back),
    ]
