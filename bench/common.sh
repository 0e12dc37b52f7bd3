# Shared by the benchmark scripts (sourced).

# value FILE KEY → the first number after "KEY": in a JSON file (summary.json timings, counts)
value() {
    sed -n "s/.*\"$2\": \([0-9.e+-]*\).*/\1/p" "$1" | head -n 1
}

# median of the numbers on stdin, one per line
median() {
    sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
