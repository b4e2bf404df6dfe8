# SPDX-License-Identifier: MIT
# TAP helpers for the test scripts that read their output back with python3 (sourced, not run):
# check NAME COMMAND... prints one numbered TAP line from the command's status; tap FILE numbers
# the "ok - NAME" / "not ok - NAME" lines a python block wrote and passes the rest as comments.
# The caller sets n=0 and fail=0.
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
