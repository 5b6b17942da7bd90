"""Persistence. Only this package knows SQL; stages exchange model objects with it."""

from storyline.store.sqlite import DEFAULT_DB, Store, StoreError

__all__ = ["DEFAULT_DB", "Store", "StoreError"]
