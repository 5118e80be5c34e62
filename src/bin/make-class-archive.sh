#!/bin/bash
# Makes the class-data archive target/cmlr.jsa for target/cmlr.jar (run by the build after the jar):
# a small fit is run once to list the classes it loads, then the JVM dumps them (a static archive;
# JDK 17's dynamic -XX:ArchiveClassesAtExit can crash on the lambda proxies, so those are left out).
# Never fails the build: without an archive the launcher starts the JVM without one.
set -u
target="$1"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$target/cds"
rm -rf "$work" "$target/cmlr.jsa"
mkdir -p "$work" || exit 0
{
    "$java" -jar "$target/cmlr.jar" simulate --m 400 --n 20 --d 20 --snr 4 --seed 7 --labels --quiet \
        --backend cpu --out "$work/train.csv" &&
    "$java" -XX:DumpLoadedClassList="$work/classes.raw" -jar "$target/cmlr.jar" fit "$work/train.csv" \
        --quiet --backend cpu --starts 1 --out "$work/report.json" &&
    grep -v '@lambda-proxy' "$work/classes.raw" > "$work/classes.lst" &&
    "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$target/cmlr.jsa" \
        -Xlog:cds=off -cp "$target/cmlr.jar" > "$work/dump.log" 2>&1
} || { echo "class-data archive not made (the launcher runs without it): see $work"; rm -f "$target/cmlr.jsa"; exit 0; }
rm -f "$work/train.csv"
echo "class-data archive: $target/cmlr.jsa ($(du -h "$target/cmlr.jsa" | cut -f1))"
