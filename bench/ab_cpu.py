"""CPU seconds of ``extract_paths`` over the first N documents of a bench folder, after a warm-up.

An A/B of two codes, interleaved in one sitting (run the old one from a snapshot)::

    git archive a6ac052 src | tar -x -C /tmp/old && ln -s "$PWD/models" /tmp/old/models
    for i in 1 2; do PYTHONPATH=/tmp/old/src python bench/ab_cpu.py rules 300; python bench/ab_cpu.py rules 300; done
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import goalnlp.pipeline as gp


def main() -> None:
    engine, n = sys.argv[1], int(sys.argv[2])
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else Path("/tmp/goalnlp-bench/part-000")
    paths = [p for p in sorted(folder.glob("*")) if p.suffix != ".json"][:n]
    nlp = gp.get_engine(engine, None)
    list(gp.extract_paths(paths[:3], nlp))  # models and caches loaded
    t = time.process_time()
    for _ in gp.extract_paths(paths, nlp):
        pass
    print(engine, round(time.process_time() - t, 2), "s CPU", Path(gp.__file__).parent)


if __name__ == "__main__":
    main()
