#!/usr/bin/env bash
# Mutation testing with mutmut, one package at a time (docs/testing.md).
#
#   scripts/mutation.sh [--sample N] [--seed S] [--module M]... [--worktree] [--min PCT] [PACKAGE...]
#
# PACKAGE is one of: domain services storage catalog cli ui   (default: all, in that order)
#   --sample N   test a random sample of N mutants per package instead of all of them
#                (the score is then an estimate; the script prints its 95 % interval)
#   --seed S     seed of the sample (default 1), so a sampled run can be repeated
#   --module M   only the mutants of module M of the package (app/PACKAGE/M.py, or a folder M/);
#                repeat for several; with --sample, the sample is drawn from those modules
#   --worktree   mutate the working tree as it is (tracked and new files) instead of HEAD
#   --min PCT    exit 1 when a package scores below PCT % killed (for CI)
#
# Each package runs in its own snapshot under ${TPX_MUTATION_DIR:-/tmp/tpx-mutation}, so the
# checkout is never touched and the score belongs to one commit (printed with it).  Mutants
# run one at a time under `nice`, against only that package's tests: the machine is shared.
# A survivor report (diff of every mutant that lived) is written next to each snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
venv="$repo/.venv"

sample=0
seed=1
from_worktree=0
min_score=0
modules=()
packages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --worktree) from_worktree=1; shift ;;
    --min) min_score="$2"; shift 2 ;;
    --module) modules+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "mutation.sh: unknown option $1" >&2; exit 2 ;;
    *) packages+=("$1"); shift ;;
  esac
done
[ ${#packages[@]} -gt 0 ] || packages=(domain services storage catalog cli ui)

# What each package mutates, and the tests that may kill its mutants.
mutate_globs() {
  case "$1" in
    domain) echo '"app/domain/*"' ;;
    services) echo '"app/services/*"' ;;
    storage) echo '"app/storage/*"' ;;
    catalog) echo '"app/catalog/*"' ;;
    cli) echo '"app/cli/*"' ;;
    ui) echo '"app/ui/explorer.py", "app/ui/records/visit_presenter.py", "app/ui/nerves/radicular_presenter.py", "app/ui/study/card_presenter.py"' ;;
    *) echo "mutation.sh: unknown package $1 (domain services storage catalog cli ui)" >&2; exit 2 ;;
  esac
}
# How mutmut isolates each mutant's test run.  The UI's tests start Qt windows whose thread pools and
# timers must not be shared between runs: with the default ("fork"), mutmut runs the stats and clean
# runs of the whole Qt suite in one process and forks every mutant from it (the clean run then timed
# out on a window whose loader waited behind the stats run's leftover work).  "forkserver" runs each
# in a fresh child of a process that has imported the tests but run none.
isolation() {
  case "$1" in
    ui) echo forkserver ;;
    *) echo fork ;;
  esac
}
test_paths() {
  case "$1" in
    domain) echo '"tests/domain"' ;;
    services) echo '"tests/services"' ;;
    storage) echo '"tests/storage"' ;;
    catalog) echo '"tests/catalog"' ;;
    cli) echo '"tests/cli"' ;;
    # test_memory counts Qt objects: mutmut's trampolines add some, so it fails under the stats run.
    ui) echo '"tests/ui", "--ignore=tests/ui/test_memory.py"' ;;
  esac
}

commit=$(git rev-parse --short HEAD)
label="$commit"
[ "$from_worktree" = 1 ] && label="$commit+worktree"
base="${TPX_MUTATION_DIR:-/tmp/tpx-mutation}"
mkdir -p "$base"
status=0

for package in "${packages[@]}"; do
  globs=$(mutate_globs "$package")
  tests=$(test_paths "$package")
  snap="$base/$package"
  rm -rf "$snap"
  mkdir -p "$snap"
  if [ "$from_worktree" = 1 ]; then
    git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$snap"
  else
    git archive HEAD | tar -xf - -C "$snap"
  fi
  ln -s "$venv" "$snap/.venv"
  : > "$snap.log"

  # This package's targets and tests replace the repo-wide ones of [tool.mutmut].
  "$venv/bin/python" - "$snap/pyproject.toml" "$globs" "$tests" "$(isolation "$package")" <<'PY'
import re, sys
path, globs, tests, isolation = sys.argv[1:]
text = open(path, encoding="utf-8").read()
text = re.sub(r"(?m)^only_mutate = .*$", f"only_mutate = [{globs}]", text)
text = re.sub(r"(?m)^pytest_add_cli_args_test_selection = .*$",
              f"pytest_add_cli_args_test_selection = [{tests}]", text)
if isolation != "fork":
    text = text.replace("[tool.mutmut]\n", f'[tool.mutmut]\nprocess_isolation = "{isolation}"\n', 1)
open(path, "w", encoding="utf-8").write(text)
PY

  echo "== $package @ $label: mutating $globs against $tests"
  # mutmut needs a green baseline.  Tests already failing at this commit (someone's work in
  # progress) cannot kill anything: they are left out, and listed, instead of stopping the run.
  (cd "$snap" && PYTHONPATH="$snap" QT_QPA_PLATFORM=offscreen nice -n 10 "$venv/bin/python" -m pytest -p no:xdist \
     -p no:cacheprovider -q -rf --hypothesis-seed=0 ${tests//[\",]/} > "$snap.baseline" 2>&1) || true
  failing=$(grep -E '^FAILED ' "$snap.baseline" | sed -E 's/^FAILED ([^ ]+).*/\1/' || true)
  if [ -n "$failing" ]; then
    echo "   left out, failing before any mutation:"; echo "$failing" | sed 's/^/     /'
    deselect=$(echo "$failing" | sed -E 's/.*/"--deselect", "&"/' | paste -sd, -)
    sed -i -E "s|^pytest_add_cli_args = \[(.*)\]$|pytest_add_cli_args = [\1, $deselect]|" "$snap/pyproject.toml"
  fi
  # Generate the mutants in a process of their own (generated inside `mutmut run`, the stats
  # run that follows sometimes fails with a pytest usage error), then draw the sample if asked.
  (cd "$snap" && nice -n 10 "$venv/bin/python" - "$sample" "$seed" "$snap.sample" "$package" "${modules[@]}" >> "$snap.log" 2>&1 <<'PY'
import json, random, sys
from pathlib import Path
import mutmut.__main__ as mm
from mutmut.utils.file_utils import copy_src_dir, copy_also_copy_files
copy_src_dir(); copy_also_copy_files(); mm.create_mutants(1)
names = sorted(k for meta in Path("mutants").rglob("*.py.meta")
               for k in json.loads(meta.read_text())["exit_code_by_key"])
count, seed, out, package, modules = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
if modules:  # app.<package>.<module>.x_... or app.<package>.<module>.<submodule>...
    prefixes = tuple(f"app.{package}.{m.removesuffix('.py').replace('/', '.')}." for m in modules)
    names = [n for n in names if n.startswith(prefixes)]
    if count <= 0:
        count = len(names)  # every mutant of those modules
chosen = random.Random(seed).sample(names, min(count, len(names))) if count > 0 else []
Path(out).write_text("".join(f"{n}\n" for n in chosen))
PY
  )
  names=()
  if [ "$sample" -gt 0 ] || [ ${#modules[@]} -gt 0 ]; then
    mapfile -t names < "$snap.sample"
    echo "   ${#names[@]} mutants (seed $seed${modules:+; modules ${modules[*]}})"
    if [ ${#names[@]} -eq 0 ]; then echo "   no mutants in those modules" >&2; status=1; continue; fi
  fi

  # PYTHONPATH: tests that start `python -m app` in a subprocess import the mutated copy too.
  (cd "$snap" && PYTHONPATH="$snap/mutants" QT_QPA_PLATFORM=offscreen \
     nice -n 10 "$venv/bin/mutmut" run --max-children 1 "${names[@]}" >> "$snap.log" 2>&1) || {
    echo "   mutmut failed; see $snap.log" >&2; tail -20 "$snap.log" >&2; status=1; continue; }

  # Score, and a survivor report with the diff of each mutant that lived.
  (cd "$snap" && "$venv/bin/python" - "$package" "$label" "$min_score" "$snap.survivors.txt" "${names[@]}" <<'PY'
import json, math, sys
from collections import Counter
from pathlib import Path
package, label, min_score, report, *names = sys.argv[1:]
wanted = set(names)
status_of = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
             36: "timeout", 37: "killed", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout"}
results = {}
for meta in Path("mutants").rglob("*.py.meta"):
    for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
        if not wanted or key in wanted:
            results[key] = "not checked" if code is None else status_of.get(code, "suspicious")
counts = Counter(results.values())
# Detected = a test failed or the mutant hung; "no tests" counts as not detected.
detected = counts["killed"] + counts["timeout"]
total = sum(n for s, n in counts.items() if s not in ("skipped", "not checked"))
score = 100.0 * detected / total if total else 0.0
line = f"{package} @ {label}: {detected}/{total} killed = {score:.1f} %  " + ", ".join(
    f"{s} {n}" for s, n in sorted(counts.items()))
if names and total:
    half = 196.0 * math.sqrt(score / 100 * (1 - score / 100) / total)
    line += f"  (sample of {total}; 95 % interval ±{half:.1f})"
print("   " + line)
by_module = Counter()
lived = sorted(k for k, s in results.items() if s in ("survived", "no tests"))
for key in lived:
    by_module[key.split(".x_")[0].split(".xǁ")[0]] += 1
with open(report, "w", encoding="utf-8") as out:
    out.write(line + "\n\n")
    for module, n in by_module.most_common():
        out.write(f"{n:4d}  {module}\n")
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    for key in lived:
        path = "/".join(key.split(".x_")[0].split(".xǁ")[0].split(".")) + ".py"
        out.write(f"\n# {key}: {results[key]}\n{get_diff_for_mutant(key, path=path)}\n")
print(f"   survivors: {report}")
sys.exit(1 if score < float(min_score) else 0)
PY
  ) || status=1
done
exit $status
