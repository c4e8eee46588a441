"""Coding stages: actors, verbs, frames (negation, mode, attribution), dates and events."""
