from django import template

register = template.Library()


@register.filter
def display_name(user) -> str:
    """{{ note.author|display_name }}: full name, else user name, else "–" (a removed user)."""
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()
