# Shared by the benchmark scripts (sourced).

# value FILE KEY → the first number after "KEY": in a JSON file (summary.json timings, counts)
value() {
    sed -n "s/.*\"$2\": \([0-9.e+-]*\).*/\1/p" "$1" | head -n 1
}

# median of the numbers on stdin, one per line
median() {
    sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

# peer_python SCRIPT MODULE PACKAGE → sets py to the Python to use ($PYTHON, else /usr/bin/python3,
# else python3); when it cannot import MODULE, says why and how to install it, and exits 0 (a
# benchmark without its peer is skipped, not failed)
peer_python() {
    py=${PYTHON:-/usr/bin/python3}
    [ -x "$py" ] || py=python3
    local reason
    if ! reason=$("$py" -c "import $2" 2>&1); then
        echo "$1: skipped, '$py -c \"import $2\"' fails: ${reason##*$'\n'}"
        echo "  (Debian: apt-get install $3)"
        exit 0
    fi
}
