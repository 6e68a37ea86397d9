"""``python -m geo_events`` runs the command-line interface."""

from geo_events.cli import main

raise SystemExit(main())
