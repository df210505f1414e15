"""Make the builders in this folder importable whatever pytest's import mode.

The tests here need no database and no Django: ``advice`` is pure Python.
"""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
