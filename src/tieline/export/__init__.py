"""Exports of the store: canonical CSV and Parquet, GDELT-style and POLECAT-style files."""

from tieline.export.writers import EXPORTERS, export

__all__ = ["EXPORTERS", "export"]
