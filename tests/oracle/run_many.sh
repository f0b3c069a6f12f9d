#!/usr/bin/env bash
# run_many.sh BINARY FROM TO: generate sites FROM..TO, build them, compare with the oracle.
set -u
bin=$1; from=$2; to=$3
dir=$(mktemp -d)
here=$(dirname "$0")
fail=0
for seed in $(seq "$from" "$to"); do
  site=$dir/s$seed
  python3 "$here/gen_site.py" "$site" "$seed"
  if ! SOURCE_DATE_EPOCH=1795305600 "$bin" build --quiet --root "$site" --output "$site/out" >"$site.log" 2>&1; then
    echo "seed $seed: build failed"; head -5 "$site.log"; fail=1; continue
  fi
  if ! SOURCE_DATE_EPOCH=1795305600 python3 "$here/analysis_oracle.py" "$site" "$site/out/data/analysis.json" >"$site.diff"; then
    echo "seed $seed: $(wc -l <"$site.diff") differences"; head -8 "$site.diff"; fail=1
  fi
done
echo "sites in $dir"
exit $fail
