"""A user's roles and permissions in one query, however they are asked for first (issue 10).

Django's ModelBackend reads a user's own permissions and its groups' permissions in two queries,
and the roles (group names) the product asks for were a third. `load()` reads all three in one
UNION and keeps them on the user object where ModelBackend looks for them (`_perm_cache`,
`_user_perm_cache`, `_group_perm_cache`), so `user.has_perm()`, `{{ perms }}` in templates,
`@permission_required` and `Access.roles` cost one query per request between them.

`RolesAndPermissionsBackend` sits before ModelBackend in AUTHENTICATION_BACKENDS and only answers
permission questions (it authenticates nobody, so a login still hashes a password once): the
first question loads everything into the caches ModelBackend reads. Like
ModelBackend's own caches, what is loaded holds for the life of the user object (one request).
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, Value

ROLES_ATTRIBUTE = "_iop_roles"


def load(user) -> frozenset[str]:
    """The user's group names; on the way, its permissions in ModelBackend's caches."""
    roles = getattr(user, ROLES_ATTRIBUTE, None)
    if roles is not None:
        return roles
    if not (user.is_authenticated and user.is_active):
        roles = frozenset()
        setattr(user, ROLES_ATTRIBUTE, roles)
        return roles
    # (app label, codename, group name): one row per group and permission (a group without
    # permissions gives one row of NULLs), and one per permission of the user's own, no group.
    groups = (
        Group.objects.filter(user=user)
        .values_list("permissions__content_type__app_label", "permissions__codename", "name")
        .order_by()
    )
    own = (
        Permission.objects.filter(user=user)
        .annotate(no_group=Value(None, output_field=CharField()))
        .values_list("content_type__app_label", "codename", "no_group")
        .order_by()
    )
    names, own_perms, group_perms = set(), set(), set()
    for app_label, codename, group in groups.union(own, all=True):
        if group is not None:
            names.add(group)
        if codename is not None:
            (group_perms if group is not None else own_perms).add(f"{app_label}.{codename}")
    roles = frozenset(names)
    setattr(user, ROLES_ATTRIBUTE, roles)
    if not user.is_superuser:  # a superuser's are every permission: ModelBackend's own answer
        user._user_perm_cache = own_perms
        user._group_perm_cache = group_perms
        user._perm_cache = own_perms | group_perms
    return roles


class RolesAndPermissionsBackend(ModelBackend):
    """ModelBackend whose permission questions start from `load()`; it authenticates nobody
    (ModelBackend, next in the list, does), but finds the user of a session it logged in."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if user_obj.is_active and not user_obj.is_anonymous and obj is None:
            load(user_obj)
        return super().get_all_permissions(user_obj, obj)
