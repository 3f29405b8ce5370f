"""HTML reports and quick-looks (matplotlib): what the algorithms write for people to read."""
