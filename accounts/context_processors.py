from .membership import is_partner_user


def roles(request) -> dict:
    """`is_partner_user` for the navigation (the partner portal instead of the municipal pages)."""
    return {"is_partner_user": lambda: is_partner_user(request.user)}
