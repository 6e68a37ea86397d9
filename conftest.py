"""Collection for the whole checkout: the deprecated aliases of moved modules are not collected
(importing one warns; ``tests/test_layout.py`` checks them)."""

from geo_events._moved import MOVED

collect_ignore = [f"{old.replace('.', '/')}.py" for old in MOVED]
