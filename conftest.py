"""Root pytest configuration: what doctest collection must not import."""

collect_ignore_glob = [
    "docs/hooks/*",
    "docs/figures/*.py",
    "site/*",
    "node_modules/*",
    ".venv/*",
]
