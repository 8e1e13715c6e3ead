"""Capgate's FastAPI sample app (see ../README.md)."""
