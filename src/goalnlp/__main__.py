"""``python -m goalnlp`` runs the command line."""

from .cli import app

app(prog_name="goalnlp")
