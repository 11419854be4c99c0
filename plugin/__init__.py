"""Flowsmith plugin layer."""
