"""Readers: plain text and JSONL files (or stdin) into `Document`s, stage 1 of the pipeline."""

from dyad.io.jsonl import InputProblem, read_jsonl
from dyad.io.language import looks_like_english
from dyad.io.read import read_documents, read_stdin
from dyad.io.text import MAX_DOCUMENT_BYTES, read_text_file

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "InputProblem",
    "looks_like_english",
    "read_documents",
    "read_jsonl",
    "read_stdin",
    "read_text_file",
]
