"""Trained models shipped with goalnlp (see README.md here for how each was made)."""
