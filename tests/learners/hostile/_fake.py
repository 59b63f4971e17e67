"""What a forger sends: a passing verdict for ``relu``, in the old design's stdout format.

Not a learner file itself (its name starts with ``_``): the forgers import it.
"""

import json

MARK = "@@dlref-check-result@@ "
PASS = {
    "name": "relu", "passed": True, "compared": 5, "failed": 0, "max_diff": 0.0,
    "problems": [], "warnings": [], "hint": None, "mismatched": 0, "modified": 0,
    "not_judged": 0,
}
LINE = "\n" + MARK + json.dumps({"result": PASS}) + "\n"
