"""Flowsmith agent layer."""
