"""Figures computed from the fact base: derived figures, number coverage, text measures."""
