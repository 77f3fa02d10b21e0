"""Batch work: coding many inputs, locally in a process pool, and storing the results."""
