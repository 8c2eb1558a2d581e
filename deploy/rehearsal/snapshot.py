"""What users of a database can see, printed as JSON: run inside a code tree (the previous
release's or this one's) by the rehearsal's upgrade step (upgrade.py), before and after the
migration, so the two answers can be compared. Reads through the pages, as the users do (the
test client, logged in as each user), so it works with either release's code.

    python snapshot.py [--export]   # cwd: the code tree; DATABASE_URL: the database

--export first stores a PDF version of every memo (as its committee's secretary would).
"""

import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_registry.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
settings.SECURE_SSL_REDIRECT = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

AGREEMENT_LINK = re.compile(r'href="/agreements/(\d+)/"')
AMOUNT = re.compile(r"\d{1,3}(?:\s\d{3})*\skr\b")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first() if hasattr(user, "totpdevice_set") else None
    if device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def main() -> None:
    from reports.models import Memo, MemoVersion

    users = get_user_model().objects.filter(is_active=True).order_by("username")
    if "--export" in sys.argv:
        secretary = users.filter(groups__name="nämndsekreterare").first()
        client = client_for(secretary)
        for memo in Memo.objects.order_by("pk"):
            client.post(f"/reports/memos/{memo.pk}/export/")
    access, figures = {}, {}
    for user in users:
        client = client_for(user)
        seen = {}
        for year in (2022, 2023, 2024):
            page = client.get(f"/agreements/?year={year}")
            text = page.content.decode()
            seen[year] = [page.status_code, sorted(set(AGREEMENT_LINK.findall(text)), key=int)]
            figures[f"{user.username} {year}"] = [" ".join(a.split()) for a in AMOUNT.findall(text)]
        access[user.username] = seen
    pdfs = {
        f"{v.memo_id}/{v.number}": [hashlib.sha256(bytes(v.pdf)).hexdigest(), v.sha256]
        for v in MemoVersion.objects.order_by("memo_id", "number")
    }
    print(json.dumps({"access": access, "figures": figures, "pdfs": pdfs}, sort_keys=True))


main()
