"""The real OpenID Connect provider the single sign-on tests log in at (oidc_provider.py)."""

from accounts.tests.oidc_provider import oidc_provider  # noqa: F401
