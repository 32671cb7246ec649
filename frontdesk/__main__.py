"""`python -m frontdesk` runs the same command line as the `frontdesk` entry point."""

import sys
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path


def _this_package() -> None:
    """Make `frontdesk` the package this file belongs to.

    `python -m` puts the current folder first on sys.path. In the folder that holds a checkout
    named `frontdesk`, Python finds that checkout (a folder without __init__.py) as an empty
    namespace package before the finder of an editable install (`pip install -e`), which comes
    last; `frontdesk.__version__`, `open_desk` and everything in __init__.py are then missing,
    while this file is still found through the editable finder. Load the real package instead.
    """
    loaded = sys.modules.get("frontdesk")
    if loaded is not None and getattr(loaded, "__file__", None) is not None:
        return
    here = Path(__file__).resolve().parent
    spec = spec_from_file_location("frontdesk", here / "__init__.py",
                                   submodule_search_locations=[str(here)])
    assert spec is not None and spec.loader is not None
    package = module_from_spec(spec)
    sys.modules["frontdesk"] = package
    spec.loader.exec_module(package)


_this_package()

from frontdesk.cli import main  # noqa: E402 - after the package is the right one

raise SystemExit(main())
