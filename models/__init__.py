"""Flowsmith models layer."""
