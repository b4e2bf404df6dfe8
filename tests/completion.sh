#!/bin/bash
# SPDX-License-Identifier: MIT
# The shell completions as built (what meson installs): bash's _zhun driven through COMP_WORDS
# and COMP_CWORD, fish's through `complete -C`, zsh's loaded by compinit. Candidates checked:
# commands, each command's options against its --help, option values (formats, presets, parts,
# languages), rule codes for explain, and operands filtered to .yaml/.yml/.xml and directories.
# Usage: completion.sh ZHUN SRCDIR BASH_FILE ZSH_FILE FISH_FILE   Prints TAP.
set -u
zhun=$(realpath "$1")
src=$(realpath "$2")
bash_file=$(realpath "$3")
zsh_file=$(realpath "$4")
fish_file=$(realpath "$5")
export NO_COLOR=1 LC_ALL=C.UTF-8
unset LANGUAGE LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
result() { # ok?, description
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		fail=1
	fi
}

# shellcheck disable=SC1090
source "$bash_file"
# Complete the last word of "$@" (as typed after `zhun`), one candidate a line, sorted.
comp() {
	COMP_WORDS=(zhun "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_zhun
	[ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | sort -u
}
# every word of $2 is a candidate of the completion of $3...
has_all() {
	local want=$1
	shift
	local got
	got=$(comp "$@")
	for w in $want; do
		grep -qxF -- "$w" <<<"$got" || {
			echo "# missing '$w' in: $(tr '\n' ' ' <<<"$got")"
			return 1
		}
	done
}
# the candidates are exactly the words of $1
is_exactly() {
	local want=$1
	shift
	local got
	got=$(comp "$@" | tr '\n' ' ' | sed 's/ $//')
	want=$(tr ' ' '\n' <<<"$want" | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || {
		echo "# got '$got', want '$want'"
		return 1
	}
}

commands=$("$zhun" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}' | tr '\n' ' ')
codes=$("$zhun" --lang en explain | awk '{print $1}' | tr '\n' ' ')
presets=$(cd "$src/data/presets" && ls -- *.yaml | sed 's/\.yaml$//' | tr '\n' ' ')

is_exactly "$commands" ''
result $? "bash: the commands ($commands)"
is_exactly check ch
result $? "bash: 'ch' completes to check"
has_all "--help --version --color --quiet --lang" -
result $? "bash: global options before the command"
is_exactly "zh en" --lang ''
result $? "bash: --lang values"
is_exactly "auto always never" --color = ''
result $? "bash: --color= values"
for c in $commands; do
	want=$("$zhun" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
	has_all "$want" "$c" --
	result $? "bash: zhun $c -- offers every option of its --help"
done
is_exactly "text json sarif github junit" check --format ''
result $? "bash: check --format values"
is_exactly "text json sarif github junit" validate -f ''
result $? "bash: validate -f values"
is_exactly "text json sarif github junit" check --format = ''
result $? "bash: check --format= values"
has_all "json" --lang zh check --format j
result $? "bash: global options before the command are skipped"
is_exactly "$presets" init --preset ''
result $? "bash: init --preset values are the data/presets files"
is_exactly "chart detail stats all" table --part ''
result $? "bash: table --part values"
has_all "$codes" explain ''
result $? "bash: explain offers every rule code"
is_exactly "life-ref-abolished life-ref-replaced" explain life-ref-
result $? "bash: explain life-ref- completes to the two codes"
has_all "init validate check" help ''
result $? "bash: help offers the commands"

mkdir -p "$tmp/files/sub.d" "$tmp/files/standards"
touch "$tmp/files/a.yaml" "$tmp/files/b.yml" "$tmp/files/c.xml" "$tmp/files/d.txt" "$tmp/files/e.xlsx"
cd "$tmp/files" || exit 1
is_exactly "a.yaml b.yml c.xml standards sub.d" check ''
result $? "bash: check operands are .yaml/.yml/.xml files and directories"
is_exactly "a.yaml b.yml c.xml standards sub.d" validate --strict ''
result $? "bash: validate operands after an option"
is_exactly "standards sub.d" init ''
result $? "bash: init takes a directory"
has_all "d.txt e.xlsx" table -o ''
result $? "bash: table -o takes any file"
cd - >/dev/null || exit 1

# zsh: the file parses and compinit registers it for zhun
if command -v zsh >/dev/null; then
	zsh -n "$zsh_file"
	result $? "zsh: _zhun parses"
	mkdir -p "$tmp/zfunc"
	cp "$zsh_file" "$tmp/zfunc/_zhun"
	out=$(HOME=$tmp zsh -fc "fpath=($tmp/zfunc \$fpath); autoload -Uz compinit; compinit -u -d $tmp/zcompdump; print -r -- \$_comps[zhun]" 2>&1)
	[ "$out" = _zhun ]
	result $? "zsh: compinit binds zhun to _zhun (got '$out')"
	mkdir -p "$tmp/z/standards"
	touch "$tmp/z/a.yaml" "$tmp/z/a.txt" "$tmp/z/st.yaml"
	lines=("zhun ch" "zhun check --st" "zhun check --format s" "zhun validate -f g"
		"zhun init --preset mu" "zhun explain life-ref-a" "zhun check a" "zhun init st" "zhun --lang e")
	want=("zhun check" "zhun check --strict" "zhun check --format sarif" "zhun validate -f github"
		"zhun init --preset museum" "zhun explain life-ref-abolished" "zhun check a.yaml"
		"zhun init standards" "zhun --lang en")
	mapfile -t got < <(HOME=$tmp timeout 60 zsh -f "$src/tests/completion-zsh.zsh" "$tmp/zfunc" "$tmp/z" "$tmp/zdump2" "${lines[@]}" 2>&1)
	for i in "${!lines[@]}"; do
		g=${got[i]:-}
		g=${g%/}
		[ "$g" = "${want[i]}" ]
		result $? "zsh: '${lines[i]}' + Tab gives '${want[i]}' (got '$g')"
	done
else
	echo "ok $((n + 1)) - zsh # SKIP zsh not installed"
	n=$((n + 1))
fi

# fish: complete -C gives the candidates, without their descriptions
if command -v fish >/dev/null; then
	fcomp() {
		(cd "${2:-.}" && HOME=$tmp XDG_CONFIG_HOME=$tmp fish --no-config -c "source '$fish_file'; complete -C '$1'" 2>&1) |
			cut -f1 | sort -u | tr '\n' ' ' | sed 's/ $//'
	}
	got=$(fcomp 'zhun ')
	want=$(tr ' ' '\n' <<<"$commands" | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ]
	result $? "fish: the commands (got '$got')"
	got=$(fcomp 'zhun check --format ')
	[ "$got" = "github json junit sarif text" ]
	result $? "fish: check --format values (got '$got')"
	got=$(fcomp 'zhun init --preset ')
	want=$(tr ' ' '\n' <<<"$presets" | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ]
	result $? "fish: init --preset values (got '$got')"
	got=$(fcomp 'zhun explain life-ref-')
	[ "$got" = "life-ref-abolished life-ref-replaced" ]
	result $? "fish: explain codes (got '$got')"
	got=$(fcomp 'zhun check --st')
	[ "$got" = "--strict" ]
	result $? "fish: check options (got '$got')"
	got=$(fcomp 'zhun check ' "$tmp/files")
	[ "$got" = "a.yaml b.yml c.xml standards/ sub.d/" ]
	result $? "fish: check operands filtered (got '$got')"
else
	echo "ok $((n + 1)) - fish # SKIP fish not installed"
	n=$((n + 1))
fi

echo "1..$n"
exit $fail
