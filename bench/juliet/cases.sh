# Sourced by the Juliet scripts: checks CORPORA_DIR, indexes the cases once
# and writes OUT/all.txt, the 1754 Linux cases of CWE-401 and CWE-775.
# Needs $juliet (the shared scripts) and $out (the output folder).
: "${CORPORA_DIR:?set CORPORA_DIR to the folder holding juliet/}"
export CORPORA_DIR
mkdir -p "$out"
[ -f "$CORPORA_DIR/juliet/index.json" ] || python3 "$juliet/juliet_index.py"
[ -f "$out/all.txt" ] ||
  python3 "$juliet/juliet_sample.py" "$out/all.txt" CWE401:all CWE775:all >/dev/null
