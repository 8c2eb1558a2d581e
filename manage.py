#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_registry.settings")
    # A checkout with no SECRET_KEY configured is a developer's machine: run commands in
    # development mode there. A server sets SECRET_KEY (and DEBUG off), so this never applies.
    if "SECRET_KEY" not in os.environ and not os.path.exists(os.path.join(os.path.dirname(__file__), ".env")):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
