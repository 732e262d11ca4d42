#!/usr/bin/env bash
# The long fuzzing run (docs/benchmarks.md, "Fuzzing"): every fuzz target of node-core under Jazzer's standalone
# driver for RUNS inputs each (default 10 million), two at a time, coverage through our code, Jackson and Netty's
# codecs. Each target starts from its seeds and past findings (src/test/resources/.../*FuzzTestInputs) and keeps
# its corpus in target/fuzz-corpus. A crash stops that target and leaves its input in target/fuzz-findings: copy it
# into the target's inputs directory, where it becomes a regression test. (-max_total_time is set high because the
# driver otherwise takes the @FuzzTest's 15 s, meant for CI, as the limit.) Usage: bench/fuzz.sh [RUNS [TARGET...]],
# a TARGET named as below (api.HttpRequestFuzzTest); all six by default.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"
mvn -q -B install -DskipTests -Dfuzz.skip=true
mvn -q -B dependency:build-classpath -pl node-core -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/node-core/target/fuzz.cp"
cp="node-core/target/test-classes:node-core/target/classes:$(cat node-core/target/fuzz.cp)"
mkdir -p node-core/target/fuzz-corpus node-core/target/fuzz-findings node-core/target/fuzz-logs
targets=(api.GuestTokensFuzzTest api.PlayerMessageFuzzTest api.HttpRequestFuzzTest api.InspectHandshakeFuzzTest
    net.PeerHandshakeFuzzTest wire.PeerFrameFuzzTest)
if [ $# -gt 1 ]; then
    targets=("${@:2}")
fi
fuzz() {
    local target="$1" class="org.distriplace.core.$1"
    local seeds
    seeds="$(find node-core/src/test/resources -type d -path "*${class##*.}Inputs/*" | head -1)"
    mkdir -p "node-core/target/fuzz-corpus/$target"
    local start=$SECONDS
    if java -Xmx2g -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="$class" \
        '--instrumentation_includes=org.distriplace.**:com.fasterxml.jackson.**:io.netty.handler.codec.**' \
        -runs="$runs" -max_total_time=7200 -artifact_prefix="node-core/target/fuzz-findings/$target-" \
        "node-core/target/fuzz-corpus/$target" "$seeds" >"node-core/target/fuzz-logs/$target.log" 2>&1; then
        echo "$target: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "node-core/target/fuzz-logs/$target.log"), \
$(grep -o 'cov: [0-9]*' "node-core/target/fuzz-logs/$target.log" | tail -1) edges, no crash, no hang"
    else
        echo "$target: FINDING after $((SECONDS - start)) s: see node-core/target/fuzz-logs/$target.log"
        return 1
    fi
}
export -f fuzz
export cp runs
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'fuzz {}'
