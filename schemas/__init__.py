"""Workflow format, platform catalog, validation, dataset generation and flow similarity."""
