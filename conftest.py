"""Keep pytest's --doctest-modules from importing, and so running, the notebooks' .py pairs."""

collect_ignore_glob = ["notebooks/*.py"]
