from django.conf import settings


def municipality(request) -> dict:
    """The municipality's own names for templates: data and settings, never template text."""
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "guidelines_reference": settings.IOP_GUIDELINES_REFERENCE,
    }
