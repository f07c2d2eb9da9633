"""Partisan-content detection for Indonesian text: a plain Python package (no Django)."""
