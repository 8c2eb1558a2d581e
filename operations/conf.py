"""Production settings built from the environment, as plain dictionaries.

Imported by `iop_registry/settings.py` (no Django imports here, so it loads before the apps);
the tests build the same dictionaries with a test server's address, so what they exercise is
what production runs.
"""

from __future__ import annotations

# Seconds: connecting to the bucket's server, and waiting for an answer (a 20 MB document).
S3_CONNECT_TIMEOUT = 3
S3_READ_TIMEOUT = 30


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str | None,
    access_key: str | None,
    secret_key: str | None,
    region: str | None,
    location: str = "",
) -> dict:
    """django-storages' S3 backend for private documents in an S3-compatible bucket (MinIO, an EU
    cloud). Objects are private (`default_acl="private"`) and no URL to them is ever handed out:
    `querystring_auth` stays on, so even `storage.url()` could only give a signed URL, and no
    view calls it; documents are streamed through the access-checked download view."""
    from botocore.config import Config  # only when a bucket is configured

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
            "location": location,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            # MinIO and most S3-compatible servers want path-style addressing. Short timeouts and
            # one retry: with the bucket's server down, an upload or a download says so within a
            # few seconds (botocore's defaults, 60 s and 4 retries with back-off, held the
            # request and a gunicorn worker far longer). Given as client_config, which replaces
            # the backend's own config, so the addressing style and signature are stated here.
            "client_config": Config(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=S3_CONNECT_TIMEOUT,
                read_timeout=S3_READ_TIMEOUT,
                retries={"total_max_attempts": 2, "mode": "standard"},
            ),
        },
    }


def redis_cache(url: str) -> dict:
    """django-redis as the shared cache (`REDIS_URL`, e.g. redis://10.0.0.5:6379/0), so every
    application server sees the same cached overviews and rate limits. It fails open
    (operations/cache.py): with Redis down every call answers as a miss and logs one warning."""
    return {
        "default": {
            "BACKEND": "operations.cache.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "iop",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
