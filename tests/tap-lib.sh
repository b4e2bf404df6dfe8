# SPDX-License-Identifier: MIT
# TAP helpers for the test scripts (sourced, not run): check NAME COMMAND... prints one numbered
# TAP line from the command's status; tap FILE numbers the "ok - NAME" / "not ok - NAME" lines a
# python block wrote and passes the rest as comments; ok NAME and not_ok NAME [FILE...] print one
# line (not_ok with the head of each file as comments); bounded NAME STATUS PATTERN COMMAND...
# runs a command within the CPU time and memory bounds of the hostile-input tests; docx_parts NAME
# DOCX DIR unpacks a Word file and checks its XML parts. The caller sets n=0 and fail=0 (and, for
# bounded, max_s and max_kb).
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

# docx_parts NAME DOCX DIR: unzip the Word file DOCX (an absolute path) into DIR, made here, and
# check, as one TAP line NAME, that every XML part of it is well-formed (xmllint).
docx_parts() {
	local name=$1 docx=$2 dir=$3
	mkdir "$dir" && (cd "$dir" && unzip -q "$docx")
	check "$name" sh -c "cd '$dir' && xmllint --noout '[Content_Types].xml' _rels/.rels word/*.xml word/_rels/*.rels docProps/*.xml"
}

# bounded NAME STATUS PATTERN COMMAND...: COMMAND under GNU time, stdout in ./out and stderr in
# ./err; the exit status must be STATUS, stderr must match PATTERN (grep -E; empty: stderr must
# be empty), within max_s seconds of CPU (user + system, the command's children included) and
# max_kb KB of peak RSS. CPU time, not wall time: on a loaded machine wall time measures the
# neighbours. HOSTILE_CPU_SECONDS raises max_s to at least that much (sanitizer builds). What
# does not spend CPU — a wait, a hang — is caught by a watchdog in wall time, four times the
# bound and at least 60 s (or HOSTILE_MAX_SECONDS when larger), and what spins is stopped by
# `ulimit -t` at four times the bound; either fails the case as killed.
bounded() {
	local name=$1 want=$2 pattern=$3
	shift 3
	local cpu=$max_s
	[ "${HOSTILE_CPU_SECONDS:-0}" -gt "$cpu" ] && cpu=$HOSTILE_CPU_SECONDS
	local wall=$((4 * cpu > 60 ? 4 * cpu : 60))
	[ "${HOSTILE_MAX_SECONDS:-0}" -gt "$wall" ] && wall=$HOSTILE_MAX_SECONDS
	rm -f time.out
	(
		ulimit -t $((4 * cpu + 1))
		exec timeout -k 5 "$wall" /usr/bin/time -f '%e %U %S %M' -o time.out "$@"
	) >out 2>err </dev/null
	local st=$? secs wall_s user sys kb why=""
	# the last line: before it GNU time may say "Command exited with non-zero status N"
	read -r wall_s user sys kb < <(tail -n 1 time.out 2>/dev/null)
	secs=$(awk -v u="${user:-x}" -v s="${sys:-x}" \
		'BEGIN { if (u + 0 == u && s + 0 == s) printf "%.2f", u + s; else print "?" }')
	[ "$st" = "$want" ] || why="$why; exit status $st, expected $want"
	awk -v s="$secs" -v m="$cpu" 'BEGIN { exit !(s + 0 == s && s <= m) }' ||
		why="$why; took ${secs} s of CPU (bound $cpu s)"
	awk -v k="${kb:-x}" -v m="$max_kb" 'BEGIN { exit !(k + 0 == k && k <= m) }' ||
		why="$why; peak RSS ${kb:-?} KB (bound $max_kb KB)"
	if [ -n "$pattern" ]; then
		grep -Eq -- "$pattern" err || why="$why; no finding matching /$pattern/"
	elif [ -s err ]; then
		why="$why; findings on a clean file"
	fi
	[ "$st" -lt 124 ] || why="$why; killed or crashed (status $st; after $wall s of wall time or $((4 * cpu + 1)) s of CPU)"
	if [ -z "$why" ]; then
		ok "$name ($secs s CPU, ${wall_s:-?} s wall, $((${kb:-0} / 1024)) MB)"
	else
		not_ok "$name${why}" err out
	fi
}
