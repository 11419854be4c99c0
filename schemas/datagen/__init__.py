"""Synthetic training data: requests paired with catalog-valid ServiceNow flows."""

from schemas.datagen.generate import generate_dataset, write_dataset

__all__ = ["generate_dataset", "write_dataset"]
