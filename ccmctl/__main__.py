"""``python -m ccmctl``: the same entry point as the ``ccmctl`` command."""

from .cli import main

main()
