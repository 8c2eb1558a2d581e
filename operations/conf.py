"""Production settings built from the environment, as plain dictionaries.

Imported by `iop_registry/settings.py` (no Django imports here, so it loads before the apps);
the tests build the same dictionaries with a test server's address, so what they exercise is
what production runs.
"""

from __future__ import annotations


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
            # MinIO and most S3-compatible servers want path-style addressing.
            "addressing_style": "path",
            "signature_version": "s3v4",
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
