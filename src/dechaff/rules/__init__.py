"""The per-document rules. Each finds spans in a :class:`~dechaff.page.Page` and says why."""
