#!/usr/bin/env bash
# Prints the swift build flags that let the compiler use this CPU's vector units:
# x86-64-v3 (AVX2, FMA, BMI2: Intel Haswell / AMD Excavator and later) when the CPU has
# it, nothing otherwise (the baseline x86-64 / arm64 build). The BSS Eval inner loops are
# written on SIMD8<Double>; with AVX2 each operation is two instructions instead of four.
# Set SWIFT_CPU_FLAGS to override (e.g. SWIFT_CPU_FLAGS= for a portable binary).
if [ -n "${SWIFT_CPU_FLAGS+set}" ]; then echo "$SWIFT_CPU_FLAGS"; exit 0; fi
[ "$(uname -m)" = x86_64 ] || exit 0
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null) || exit 0
for f in avx avx2 fma bmi1 bmi2 f16c movbe abm; do
  [[ " $flags " == *" $f "* ]] || exit 0
done
echo "-Xswiftc -Xcc -Xswiftc -march=x86-64-v3"
