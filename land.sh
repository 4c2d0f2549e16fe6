set -e
cd /work/wt/s2-hold
git merge -q --no-edit main
source /work/venvs/dev/bin/activate
PYTHONPATH=src python -m pytest -p no:cacheprovider -q -x > /tmp/s3-coord-suite.txt 2>&1 || { tail -30 /tmp/s3-coord-suite.txt; exit 1; }
tail -3 /tmp/s3-coord-suite.txt
git -C /work/main merge --ff-only s3-coord
