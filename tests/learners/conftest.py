"""The files here are learners' code to be checked by ``dlref check``, not tests: never import
them into the test session (the hostile ones replace ``np.exp``, write to every file
descriptor, or patch dlref at import)."""

collect_ignore_glob = ["*.py"]
