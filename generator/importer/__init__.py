"""Readers of disclosure documents (PDF, extracted text); `registry` chooses one by file type."""
