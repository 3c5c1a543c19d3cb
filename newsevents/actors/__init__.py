"""actors stage (see the package docstring of each module)."""
