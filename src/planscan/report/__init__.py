"""Renderers: turn a ScanResult into tables and files. They render; they never decide."""
