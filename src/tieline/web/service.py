"""What the web app keeps between requests: whole-store views until the store changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tieline.store.eventstore import Store


class RevisionCache:
    """Whole-store views kept until the store's revision moves (one cheap read per use)."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def get(self, store: Store, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key`` at the store's current revision, computed if stale."""
        revision = store.revision()
        with self._lock:
            hit = self._values.get(key)
        if hit is not None and hit[0] == revision:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[key] = (revision, value)
        return value
