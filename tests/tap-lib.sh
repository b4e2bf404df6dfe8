# SPDX-License-Identifier: MIT
# TAP helpers for the test scripts (sourced, not run): check NAME COMMAND... prints one numbered
# TAP line from the command's status; tap FILE numbers the "ok - NAME" / "not ok - NAME" lines a
# python block wrote and passes the rest as comments; ok NAME and not_ok NAME [FILE...] print one
# line (not_ok with the head of each file as comments); bounded NAME STATUS PATTERN COMMAND...
# runs a command within the time and memory bounds of the hostile-input tests. The caller sets
# n=0 and fail=0 (and, for bounded, max_s and max_kb).
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		fail=1
	fi
}

tap() {
	while IFS= read -r line; do
		case $line in
		"ok - "*) check "${line#ok - }" true ;;
		"not ok - "*) check "${line#not ok - }" false ;;
		*) echo "# $line" ;;
		esac
	done <"$1"
}

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
	shift
	for f in "$@"; do [ -f "$f" ] && head -20 "$f" | sed 's/^/# /'; done
}

# bounded NAME STATUS PATTERN COMMAND...: COMMAND under GNU time, stdout in ./out and stderr in
# ./err; the exit status must be STATUS, stderr must match PATTERN (grep -E; empty: stderr must
# be empty), within max_s seconds and max_kb KB of peak RSS.
bounded() {
	local name=$1 want=$2 pattern=$3
	shift 3
	timeout -k 5 60 /usr/bin/time -f '%e %M' -o time.out "$@" >out 2>err </dev/null
	local st=$? secs kb why=""
	read -r secs kb < <(tail -n 1 time.out 2>/dev/null)
	[ "$st" = "$want" ] || why="$why; exit status $st, expected $want"
	awk -v s="${secs:-x}" -v m="$max_s" 'BEGIN { exit !(s + 0 == s && s <= m) }' ||
		why="$why; took ${secs:-?} s (bound $max_s s)"
	awk -v k="${kb:-x}" -v m="$max_kb" 'BEGIN { exit !(k + 0 == k && k <= m) }' ||
		why="$why; peak RSS ${kb:-?} KB (bound $max_kb KB)"
	if [ -n "$pattern" ]; then
		grep -Eq -- "$pattern" err || why="$why; no finding matching /$pattern/"
	elif [ -s err ]; then
		why="$why; findings on a clean file"
	fi
	[ "$st" -lt 124 ] || why="$why; killed or crashed"
	if [ -z "$why" ]; then
		ok "$name ($secs s, $((kb / 1024)) MB)"
	else
		not_ok "$name${why}" err out
	fi
}
