"""Make the builders in this folder importable whatever pytest's import mode.

The chart modules are tested here without a database: they draw plain data.
"""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
