"""One module per command of ``python -m tools``, each with one function, ``run(args) -> int``: the exit
status. The options are declared once, in ``tools/__main__.py``."""
